// Each protocol's generated validators by role, for contract tests: what clients send, what
// upstreams answer (whole bodies, stream events, errors).
import * as chat from '../../generated/openai-chat-completions/index.ts';
import * as responses from '../../generated/openai-responses/index.ts';
import * as claude from '../../generated/claude/index.ts';
import * as gemini from '../../generated/gemini/index.ts';
import type { ProtocolId } from '../../src/protocols/protocol-id.ts';
import { createValidator, type Validator } from '../../src/validation/validate.ts';
import { withUpstreamRules } from './upstream-rules.ts';

export interface Contract {
  request: Validator<unknown>;
  /** What an upstream of this protocol accepts: the request schema plus the vendor's own rules (upstream-rules.ts). */
  upstreamRequest: Validator<unknown>;
  response: Validator<unknown>;
  event: Validator<unknown>;
  error: Validator<unknown>;
}

/** Valid when either validator accepts; explained by the first. */
function either(first: Validator<unknown>, second: Validator<unknown>): Validator<unknown> {
  return (value) => {
    const result = first(value);
    return result.ok || !second(value).ok ? result : { ok: true, value };
  };
}

const BASE: Record<ProtocolId, Omit<Contract, 'upstreamRequest'>> = {
  'openai-chat-completions': {
    request: createValidator(chat.validators.ChatCompletionRequest, 'ChatCompletionRequest', chat.jsonSchemas),
    response: createValidator(chat.validators.ChatCompletionResponse, 'ChatCompletionResponse', chat.jsonSchemas),
    // A mid-stream failure arrives as a bare `data: {"error":{…}}` line (openai-node throws on it).
    event: either(
      createValidator(chat.validators.ChatCompletionChunk, 'ChatCompletionChunk', chat.jsonSchemas),
      createValidator(chat.validators.ErrorResponse, 'ErrorResponse', chat.jsonSchemas),
    ),
    error: createValidator(chat.validators.ErrorResponse, 'ErrorResponse', chat.jsonSchemas),
  },
  'openai-responses': {
    request: createValidator(responses.validators.ResponseRequest, 'ResponseRequest', responses.jsonSchemas),
    response: createValidator(responses.validators.Response, 'Response', responses.jsonSchemas),
    event: createValidator(responses.validators.ResponseStreamEvent, 'ResponseStreamEvent', responses.jsonSchemas),
    error: createValidator(responses.validators.ErrorResponse, 'ErrorResponse', responses.jsonSchemas),
  },
  claude: {
    request: createValidator(claude.validators.MessagesRequest, 'MessagesRequest', claude.jsonSchemas),
    response: createValidator(claude.validators.MessagesResponse, 'MessagesResponse', claude.jsonSchemas),
    event: createValidator(claude.validators.MessagesStreamEvent, 'MessagesStreamEvent', claude.jsonSchemas),
    error: createValidator(claude.validators.ErrorResponse, 'ErrorResponse', claude.jsonSchemas),
  },
  gemini: {
    request: createValidator(gemini.validators.GenerateContentRequest, 'GenerateContentRequest', gemini.jsonSchemas),
    response: createValidator(gemini.validators.GenerateContentResponse, 'GenerateContentResponse', gemini.jsonSchemas),
    // A failure inside a stream arrives as `data: {"error":{…}}` (@google/genai throws on it).
    event: either(
      createValidator(gemini.validators.GenerateContentResponse, 'GenerateContentResponse', gemini.jsonSchemas),
      createValidator(gemini.validators.ErrorResponse, 'ErrorResponse', gemini.jsonSchemas),
    ),
    error: createValidator(gemini.validators.ErrorResponse, 'ErrorResponse', gemini.jsonSchemas),
  },
};

export const CONTRACTS = Object.fromEntries(
  Object.entries(BASE).map(([id, c]) => [id, { ...c, upstreamRequest: withUpstreamRules(id as ProtocolId, c.request) }]),
) as Record<ProtocolId, Contract>;

/** Passes, or fails with the validator's own JSON-path explanation. */
export function issuesOf(validator: Validator<unknown>, value: unknown): string {
  const result = validator(value);
  return result.ok ? '' : result.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
}
