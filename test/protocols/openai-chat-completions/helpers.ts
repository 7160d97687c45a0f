// Shared by this folder's tests: run the codec with a fresh Warnings, and read the recorded
// OpenAI Chat traffic kept outside the repository (../shared/fixtures/openai-chat, read in place).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HubRequest } from '../../../src/hub/hub-request.ts';
import type { HubResponse } from '../../../src/hub/hub-response.ts';
import { Warnings } from '../../../src/hub/warnings.ts';
import { openaiChatCompletionsCodec as codec } from '../../../src/protocols/openai-chat-completions/codec.ts';

export { codec };

export const SHARED = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'openai-chat');
/** The recorded fixtures live beside the repository, not in it; a clone without them skips those tests visibly. */
export const HAS_SHARED = existsSync(SHARED);

export function shared(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SHARED, file), 'utf8')) as Record<string, unknown>;
}

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
