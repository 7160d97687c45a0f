// What the gateway needs to know about one wire protocol to route, validate and pass a
// request through to an upstream that speaks the same protocol. Conversions to and from
// the hub live beside each descriptor.
import type { Validator } from '../validation/validate.ts';
import type { ProtocolId } from './protocol-id.ts';

export type Operation = 'generate' | 'count-tokens';

export interface RequestTarget {
  /** Model id from the URL (Gemini puts it in the path). */
  pathModel?: string;
  /** Gemini: `:streamGenerateContent` rather than `:generateContent`. */
  pathStream?: boolean;
}

export interface Protocol {
  id: ProtocolId;
  /** The version segment this API lives under, when a baseURL does not name one. */
  apiVersion: string;
  validators: Record<Operation, Validator<unknown>>;
  /** The model the client asked for, as written (`provider.model`). */
  modelOf(body: Record<string, unknown>, target: RequestTarget): unknown;
  /** Where that model was named, for error messages (`model`, or the URL path). */
  modelParam: string;
  isStream(body: Record<string, unknown>, target: RequestTarget): boolean;
  /** The API path below the version segment for an upstream call. */
  upstreamPath(operation: Operation, upstreamModel: string, stream: boolean): string;
  /** A same-protocol request body for the upstream: the client's, with only the model changed. */
  withUpstreamModel(body: Record<string, unknown>, upstreamModel: string): Record<string, unknown>;
}
