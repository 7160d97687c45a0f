// OpenAI Responses: POST /v1/responses (and /v1/responses/input_tokens), model in the body.
import { withTopLevelString } from '../../http/json-text-edit.ts';
import {
  InputTokensRequest,
  ResponseRequest,
  jsonSchemasForInputTokensRequest,
  jsonSchemasForResponseRequest,
} from '../../../generated/openai-responses/index.ts';
import { createValidator } from '../../validation/validate.ts';
import { responsesAnswerProblem } from './check-answer.ts';
import { instructionsIn, type Protocol } from '../protocol.ts';

export const openaiResponses: Protocol = {
  id: 'openai-responses',
  displayName: 'Responses',
  answerProblem: responsesAnswerProblem,
  apiVersion: 'v1',
  validators: {
    generate: createValidator(ResponseRequest, 'ResponseRequest', jsonSchemasForResponseRequest),
    'count-tokens': createValidator(InputTokensRequest, 'InputTokensRequest', jsonSchemasForInputTokensRequest),
  },
  modelOf: (body) => body.model,
  modelParam: 'model',
  isStream: (body) => body.stream === true,
  upstreamPath: (operation) => (operation === 'count-tokens' ? '/responses/input_tokens' : '/responses'),
  withUpstreamModel: (body, model) => ({ ...body, model }),
  withUpstreamModelText: (text, model) => withTopLevelString(text, 'model', model),
  passThrough: {
    withDefaultEffort(body, effort) {
      const reasoning = (body.reasoning ?? {}) as Record<string, unknown>;
      return reasoning.effort === undefined || reasoning.effort === null ? { ...body, reasoning: { ...reasoning, effort } } : undefined;
    },
    instructions: (body) =>
      instructionsIn(body, typeof body.instructions === 'string' ? [body.instructions] : [], ([instructions]) => ({ ...body, instructions })),
  },
};
