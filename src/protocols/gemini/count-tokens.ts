// POST /v1beta/models/{model}:countTokens: either `contents` alone, or a whole
// `generateContentRequest` (the only way to count systemInstruction and tools) → {totalTokens}.
// https://ai.google.dev/api/tokens
import { isRecord, numberAt } from '../read-json.ts';
import { geminiCodec } from './codec.ts';
import type { CountCodec } from '../count-codec.ts';

export const geminiCount: CountCodec = {
  decodeRequest(body, target, warnings) {
    const inner = body.generateContentRequest ?? body.generate_content_request;
    const request = isRecord(inner) ? inner : { contents: body.contents ?? [] };
    return geminiCodec.decodeRequest(request, { ...target, pathStream: false }, warnings);
  },
  encodeRequest: (request, warnings) => ({
    generateContentRequest: { model: `models/${request.model}`, ...geminiCodec.encodeRequest({ ...request, stream: false }, warnings) },
  }),
  decodeResponse: (body) => numberAt((body as { totalTokens?: unknown } | null)?.totalTokens) ?? 0,
  encodeResponse: (inputTokens) => ({ totalTokens: inputTokens }),
};
