// POST /v1/messages/count_tokens: a Messages request without generation settings → {input_tokens}.
// https://docs.anthropic.com/en/api/messages-count-tokens
import { numberAt } from '../read-json.ts';
import { claudeCodec } from './codec.ts';
import { pickKeys, type CountCodec } from '../count-codec.ts';

// Thinking is left out: its budget must stay below max_tokens, which count_tokens lacks.
const COUNT_KEYS = ['model', 'messages', 'system', 'tools', 'tool_choice'];

export const claudeCount: CountCodec = {
  decodeRequest: (body, target, warnings) => claudeCodec.decodeRequest(body, target, warnings),
  // A stand-in output limit keeps the encoder from warning about one; count_tokens takes none.
  encodeRequest: (request, warnings) => pickKeys(claudeCodec.encodeRequest({ ...request, stream: false, maxOutputTokens: request.maxOutputTokens ?? 1 }, warnings), COUNT_KEYS),
  decodeResponse: (body) => numberAt((body as { input_tokens?: unknown } | null)?.input_tokens) ?? 0,
  encodeResponse: (inputTokens) => ({ input_tokens: inputTokens }),
};
