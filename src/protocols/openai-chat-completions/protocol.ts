// OpenAI Chat Completions: POST /v1/chat/completions, model and `stream` in the body.
import { withTopLevelString } from '../../http/json-text-edit.ts';
import { ChatCompletionRequest, jsonSchemasForChatCompletionRequest } from '../../../generated/openai-chat-completions/index.ts';
import { createValidator } from '../../validation/validate.ts';
import { chatAnswerProblem } from './check-answer.ts';
import { instructionsIn, type Protocol } from '../protocol.ts';

const isInstruction = (m: unknown) => typeof m === 'object' && m !== null && ['system', 'developer'].includes(String((m as { role?: unknown }).role));

const validateRequest = createValidator(ChatCompletionRequest, 'ChatCompletionRequest', jsonSchemasForChatCompletionRequest);

export const openaiChatCompletions: Protocol = {
  id: 'openai-chat-completions',
  displayName: 'Chat Completions',
  answerProblem: chatAnswerProblem,
  apiVersion: 'v1',
  // Chat has no token-counting endpoint; count-tokens is served from the hub (estimate).
  validators: { generate: validateRequest, 'count-tokens': validateRequest },
  modelOf: (body) => body.model,
  modelParam: 'model',
  isStream: (body) => body.stream === true,
  upstreamPath: () => '/chat/completions',
  withUpstreamModel: (body, model) => ({ ...body, model }),
  withUpstreamModelText: (text, model) => withTopLevelString(text, 'model', model),
  passThrough: {
    withDefaultEffort: (body, effort) => (body.reasoning_effort === undefined ? { ...body, reasoning_effort: effort } : undefined),
    instructions(body) {
      const messages = Array.isArray(body.messages) ? (body.messages as unknown[]) : [];
      const system = messages.filter(isInstruction) as Array<{ content?: unknown }>;
      return instructionsIn(body, system.map((m) => m.content), (contents) => {
        let i = 0;
        return { ...body, messages: messages.map((m) => (isInstruction(m) ? { ...(m as object), content: contents[i++] } : m)) };
      });
    },
  },
};
