// Anthropic Messages: POST /v1/messages (and /v1/messages/count_tokens), model in the body.
import { withTopLevelString } from '../../http/json-text-edit.ts';
import {
  CountTokensRequest,
  MessagesRequest,
  jsonSchemasForCountTokensRequest,
  jsonSchemasForMessagesRequest,
} from '../../../generated/claude/index.ts';
import { createValidator } from '../../validation/validate.ts';
import { claudeAnswerProblem } from './check-answer.ts';
import { instructionsIn, type Protocol } from '../protocol.ts';

export const claude: Protocol = {
  id: 'claude',
  displayName: 'Claude Messages',
  answerProblem: claudeAnswerProblem,
  apiVersion: 'v1',
  validators: {
    generate: createValidator(MessagesRequest, 'MessagesRequest', jsonSchemasForMessagesRequest),
    'count-tokens': createValidator(CountTokensRequest, 'CountTokensRequest', jsonSchemasForCountTokensRequest),
  },
  modelOf: (body) => body.model,
  modelParam: 'model',
  isStream: (body) => body.stream === true,
  upstreamPath: (operation) => (operation === 'count-tokens' ? '/messages/count_tokens' : '/messages'),
  withUpstreamModel: (body, model) => ({ ...body, model }),
  withUpstreamModelText: (text, model) => withTopLevelString(text, 'model', model),
  passThrough: {
    // Anthropic's effort setting: output_config.effort (https://docs.anthropic.com/en/docs/build-with-claude/effort).
    withDefaultEffort(body, effort) {
      const config = (body.output_config ?? {}) as Record<string, unknown>;
      const thinking = body.thinking as { type?: unknown } | undefined;
      if (config.effort !== undefined || thinking?.type === 'disabled') return undefined;
      return { ...body, output_config: { ...config, effort } };
    },
    instructions: (body) => instructionsIn(body, body.system === undefined ? [] : [body.system], ([system]) => ({ ...body, system })),
  },
};
