// Reads a JSON object body with a size cap, counting bytes as they arrive so an oversized
// body is refused without holding all of it (Content-Length is checked first when present).
// Every way a body can be bad (none, empty, not JSON, not an object, unsafe: check-json-body.ts)
// ends here as a 400, before any handler reads it.
import { GatewayError } from '../errors/gateway-error.ts';
import { checkJsonBody } from './check-json-body.ts';
import type { GatewayRequest } from './exchange.ts';

export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

/** Why a body that started to arrive was not read to its end. */
function unreadable(request: GatewayRequest): GatewayError {
  // A client that goes away mid-upload is no gateway failure (Node's body stream throws
  // `aborted`): nobody is left to answer, and nothing is logged as a bug.
  if (request.signal.aborted) return new GatewayError(499, 'The client closed the request.');
  return new GatewayError(400, 'The request body could not be read to its end.');
}

async function readText(request: GatewayRequest, maxBytes: number): Promise<string> {
  const tooLarge = () => new GatewayError(413, `Request body is larger than the gateway's limit of ${maxBytes} bytes.`);
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return '';
  if (request.readText) {
    let text: string | undefined;
    try {
      text = await request.readText(maxBytes);
    } catch {
      throw unreadable(request);
    }
    if (text === undefined) throw tooLarge();
    return text;
  }
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  try {
    // Leaving the loop early (too large) ends the body's iterator, which stops reading it.
    for await (const chunk of request.body) {
      size += chunk.byteLength;
      if (size > maxBytes) throw tooLarge();
      text += decoder.decode(chunk, { stream: true });
    }
  } catch (error) {
    if (error instanceof GatewayError) throw error;
    throw unreadable(request);
  }
  return text + decoder.decode();
}

export interface JsonBody {
  /** The parsed object. */
  value: Record<string, unknown>;
  /** The text as received, for pass-through that must not re-serialise. */
  text: string;
}

export async function readJsonBody(request: GatewayRequest, maxBytes: number): Promise<JsonBody> {
  const text = await readText(request, maxBytes);
  if (text.trim() === '') throw new GatewayError(400, 'Request body is empty; expected a JSON object.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new GatewayError(400, `Request body is not valid JSON: ${error instanceof Error ? error.message : 'parse error'}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new GatewayError(400, 'Request body must be a JSON object.');
  }
  checkJsonBody(text, value);
  return { value: value as Record<string, unknown>, text };
}
