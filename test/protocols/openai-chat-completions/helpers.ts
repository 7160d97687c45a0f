// Used by this folder's tests: run the codec with a fresh Warnings.
import type { HubRequest } from '../../../src/hub/hub-request.ts';
import type { HubResponse } from '../../../src/hub/hub-response.ts';
import { Warnings } from '../../../src/hub/warnings.ts';
import { openaiChatCompletionsCodec as codec } from '../../../src/protocols/openai-chat-completions/codec.ts';

export { codec };

export function decodeRequest(body: Record<string, unknown>): { hub: HubRequest; warnings: string[] } {
  const warnings = new Warnings();
  return { hub: codec.decodeRequest(body, {}, warnings), warnings: warnings.list };
}

export function encodeRequest(hub: HubRequest): { body: Record<string, unknown>; warnings: string[] } {
  const warnings = new Warnings();
  return { body: codec.encodeRequest(hub, warnings), warnings: warnings.list };
}

export function decodeResponse(body: unknown): { hub: HubResponse; warnings: string[] } {
  const warnings = new Warnings();
  return { hub: codec.decodeResponse(body, warnings), warnings: warnings.list };
}

export function encodeResponse(hub: HubResponse, request?: HubRequest): { body: Record<string, unknown>; warnings: string[] } {
  const warnings = new Warnings();
  const req: HubRequest = request ?? { model: hub.model, system: [], items: [], tools: [], stream: false };
  return { body: codec.encodeResponse(hub, req, warnings), warnings: warnings.list };
}

/** A minimal hub request; tests override what they exercise. */
export function hubRequest(over: Partial<HubRequest> = {}): HubRequest {
  return { model: 'test-model', system: [], items: [], tools: [], stream: false, ...over };
}
