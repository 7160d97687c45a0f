// OpenAI Chat Completions: POST /v1/chat/completions, model and `stream` in the body.
import { jsonSchemas, validators } from '../../../generated/openai-chat-completions/index.ts';
import { createValidator } from '../../validation/validate.ts';
import type { Protocol } from '../protocol.ts';

const validateRequest = createValidator(validators.ChatCompletionRequest, 'ChatCompletionRequest', jsonSchemas);

export const openaiChatCompletions: Protocol = {
  id: 'openai-chat-completions',
  apiVersion: 'v1',
  // Chat has no token-counting endpoint; count-tokens is served from the hub (estimate).
  validators: { generate: validateRequest, 'count-tokens': validateRequest },
  modelOf: (body) => body.model,
  modelParam: 'model',
  isStream: (body) => body.stream === true,
  upstreamPath: () => '/chat/completions',
  withUpstreamModel: (body, model) => ({ ...body, model }),
};
