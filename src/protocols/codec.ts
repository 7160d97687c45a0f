// What each protocol folder provides for conversion through the hub. A protocol converts only
// to and from hub types — never to another protocol — so 4 codecs serve all 12 directions.
import type { GatewayError } from '../errors/gateway-error.ts';
import type { HubRequest } from '../hub/hub-request.ts';
import type { HubResponse } from '../hub/hub-response.ts';
import type { Warnings } from '../hub/warnings.ts';
import type { RequestTarget } from './protocol.ts';
import type { HeaderReader } from '../http/header-reader.ts';

export interface ProtocolCodec {
  /** Inbound: a validated client request body → hub. `model` is left as the client wrote it. */
  decodeRequest(body: Record<string, unknown>, target: RequestTarget, warnings: Warnings): HubRequest;
  /** Upstream: hub → this protocol's request body (for Gemini the model goes in the URL, not here). */
  encodeRequest(request: HubRequest, warnings: Warnings): Record<string, unknown>;
  /** Upstream: this protocol's non-streamed response body → hub. Lenient: read what is needed. */
  decodeResponse(body: unknown, warnings: Warnings): HubResponse;
  /** Inbound: hub → this protocol's non-streamed response body. `request` is the decoded client request. */
  encodeResponse(response: HubResponse, request: HubRequest, warnings: Warnings): Record<string, unknown>;
  /** Upstream: a non-2xx answer of this protocol → a GatewayError keeping status, message and retry-after. */
  decodeError(status: number, body: unknown, headers: HeaderReader): GatewayError;
}
