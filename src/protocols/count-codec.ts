// Token counting through the hub: each protocol that has a counting endpoint says how its
// count request decodes and encodes, and how its count answer reads and writes. OpenAI Chat
// has no such endpoint: counts for a Chat upstream are estimated locally (hub/estimate-tokens.ts).
import type { HubRequest } from '../hub/hub-request.ts';
import type { Warnings } from '../hub/warnings.ts';
import type { RequestTarget } from './protocol.ts';

export interface CountCodec {
  /** Inbound: the client's count request body → hub (model left as the client wrote it). */
  decodeRequest(body: Record<string, unknown>, target: RequestTarget, warnings: Warnings): HubRequest;
  /** Upstream: hub → this protocol's count request body. */
  encodeRequest(request: HubRequest, warnings: Warnings): Record<string, unknown>;
  /** Upstream: this protocol's count answer → a number of input tokens. */
  decodeResponse(body: unknown): number;
  /** Inbound: a number of input tokens → this protocol's count answer. */
  encodeResponse(inputTokens: number): Record<string, unknown>;
}

/** Keeps only the listed keys: count endpoints refuse generation-only fields. */
export function pickKeys(body: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([key]) => keys.includes(key)));
}
