// POST /v1/responses/input_tokens: the input-shaping fields of a Responses request →
// {object: "response.input_tokens", input_tokens}.
import { numberAt } from '../read-json.ts';
import { openaiResponsesCodec } from './codec.ts';
import { pickKeys, type CountCodec } from '../count-codec.ts';

const COUNT_KEYS = ['model', 'input', 'instructions', 'tools', 'tool_choice', 'parallel_tool_calls', 'reasoning', 'text'];

export const openaiResponsesCount: CountCodec = {
  decodeRequest: (body, target, warnings) => openaiResponsesCodec.decodeRequest(body, target, warnings),
  encodeRequest: (request, warnings) => pickKeys(openaiResponsesCodec.encodeRequest({ ...request, stream: false }, warnings), COUNT_KEYS),
  decodeResponse: (body) => numberAt((body as { input_tokens?: unknown } | null)?.input_tokens) ?? 0,
  encodeResponse: (inputTokens) => ({ object: 'response.input_tokens', input_tokens: inputTokens }),
};
