// Google Gemini: POST /v1beta/models/{model}:generateContent | :streamGenerateContent?alt=sse
// | :countTokens. The model is in the URL; a body `model` field, if any, is left alone.
import {
  CountTokensRequest,
  GenerateContentRequest,
  jsonSchemasForCountTokensRequest,
  jsonSchemasForGenerateContentRequest,
} from '../../../generated/gemini/index.ts';
import { createValidator } from '../../validation/validate.ts';
import { geminiAnswerProblem } from './check-answer.ts';
import { EFFORT_TABLE } from '../../hub/effort-budget.ts';
import { instructionsIn, type Protocol } from '../protocol.ts';
import { withSnakeCaseKeys } from './validate-request.ts';

export const gemini: Protocol = {
  id: 'gemini',
  displayName: 'Gemini',
  answerProblem: geminiAnswerProblem,
  apiVersion: 'v1beta',
  validators: {
    // Snake_case keys are checked as the camelCase fields the upstream reads them as.
    generate: withSnakeCaseKeys(createValidator(GenerateContentRequest, 'GenerateContentRequest', jsonSchemasForGenerateContentRequest)),
    'count-tokens': withSnakeCaseKeys(createValidator(CountTokensRequest, 'CountTokensRequest', jsonSchemasForCountTokensRequest)),
  },
  modelOf: (_body, target) => target.pathModel,
  modelParam: 'the URL path (models/<provider>.<model>:<method>)',
  isStream: (_body, target) => target.pathStream === true,
  upstreamPath: (operation, model, stream) => {
    const name = model;
    if (operation === 'count-tokens') return `/models/${name}:countTokens`;
    return stream ? `/models/${name}:streamGenerateContent?alt=sse` : `/models/${name}:generateContent`;
  },
  withUpstreamModel: (body) => body,
  withUpstreamModelText: (text) => text,
  passThrough: {
    // Gemini takes either a budget or a level, never both; snake_case spellings count as set.
    withDefaultEffort(body, effort) {
      const generation = (body.generationConfig ?? body.generation_config ?? {}) as Record<string, unknown>;
      const thinking = (generation.thinkingConfig ?? generation.thinking_config ?? {}) as Record<string, unknown>;
      const set = ['thinkingBudget', 'thinking_budget', 'thinkingLevel', 'thinking_level'].some((k) => thinking[k] !== undefined);
      if (set) return undefined;
      const { generation_config: _snake, ...rest } = body;
      const { thinking_config: _snakeThinking, ...generationRest } = generation;
      return { ...rest, generationConfig: { ...generationRest, thinkingConfig: { ...thinking, thinkingLevel: EFFORT_TABLE[effort].geminiLevel } } };
    },
    instructions(body) {
      const key = body.systemInstruction !== undefined ? 'systemInstruction' : 'system_instruction';
      const instruction = body[key] as { parts?: unknown } | undefined;
      return instructionsIn(body, instruction?.parts === undefined ? [] : [instruction.parts], ([parts]) => ({ ...body, [key]: { ...instruction, parts } }));
    },
  },
};
