import { GatewayError } from '../errors/gateway-error.ts';

// Relays an upstream response as it arrives (no buffering of streams): same status, the
// body stream itself, and only headers that mean something to the client.
const KEEP_HEADER = /^(content-type|retry-after|x-request-id|request-id|x-should-retry|openai-processing-ms|x-ratelimit-.*|anthropic-ratelimit-.*|x-gemini-service-tier)$/i;

export function relayHeaders(upstream: Headers): Headers {
  const headers = new Headers();
  upstream.forEach((value, name) => {
    if (KEEP_HEADER.test(name)) headers.set(name, value);
  });
  return headers;
}

/** An upstream error body must never echo the upstream key back to our client. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => (secret.length >= 8 ? out.split(secret).join('[redacted]') : out), text);
}

/**
 * Same-protocol relay: success bodies stream through untouched; JSON error bodies keep their
 * status and shape; a non-JSON error (an HTML page from a proxy, say) becomes a GatewayError
 * so the client still gets its own protocol's envelope.
 */
export async function relayResponse(upstream: Response, secrets: readonly string[]): Promise<Response> {
  const headers = relayHeaders(upstream.headers);
  if (upstream.ok) return new Response(upstream.body, { status: upstream.status, headers });
  const text = scrubSecrets(await upstream.text(), secrets);
  if (/json/i.test(upstream.headers.get('content-type') ?? '')) return new Response(text, { status: upstream.status, headers });
  const extra: Record<string, string> = {};
  const retryAfter = upstream.headers.get('retry-after');
  if (retryAfter) extra['retry-after'] = retryAfter;
  throw new GatewayError(upstream.status, `The upstream answered HTTP ${upstream.status}: ${text.slice(0, 300).trim() || '(empty body)'}`, { headers: extra });
}
