// The client's body → hub, for conversions. The body passed schema validation, but the schemas
// are lenient where the APIs grow (unknown fields, open unions), so a decoder can still meet a
// shape it cannot convert. That is a fault in the request, not in the gateway: it answers 400 in
// the client's envelope, never a 500, and nothing reaches the upstream.
import { GatewayError } from '../errors/gateway-error.ts';

/** Runs one decodeRequest; whatever it throws that is not already a GatewayError becomes a 400. */
export function decodeInbound<T>(decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (error instanceof GatewayError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    // Still a decoder gap worth fixing: one log line says which.
    console.error(`any-api: request conversion failed: ${reason}`);
    throw new GatewayError(400, `The request could not be converted: ${reason}`);
  }
}
