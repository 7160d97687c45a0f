import { GatewayError } from '../errors/gateway-error.ts';
import type { GatewayAnswer } from '../http/exchange.ts';
import type { HeaderReader, UpstreamReply } from './upstream-client.ts';

// What a same-protocol relay keeps of an upstream answer: only headers that mean something to
// the client, never the upstream key in an error body.
const KEEP_HEADER = /^(content-type|retry-after|x-request-id|request-id|x-should-retry|openai-processing-ms|x-ratelimit-.*|anthropic-ratelimit-.*|x-gemini-service-tier)$/i;

export function relayHeaders(upstream: HeaderReader): Record<string, string> {
  const headers: Record<string, string> = {};
  upstream.forEach((value, name) => {
    if (!KEEP_HEADER.test(name)) return;
    const lower = name.toLowerCase();
    // `x-request-id` is the gateway's own (http/request-id.ts); the upstream's stays readable for support.
    headers[lower === 'x-request-id' ? 'x-upstream-request-id' : lower] = value;
  });
  return headers;
}

/** An upstream error body must never echo the upstream key back to our client. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => (secret.length >= 8 ? out.split(secret).join('[redacted]') : out), text);
}

/**
 * A same-protocol upstream error: a JSON error body keeps its status and shape; a non-JSON one
 * (an HTML page from a proxy, say) becomes a GatewayError so the client still gets its own
 * protocol's envelope. `text` is the body already read (bounded, secrets scrubbed).
 */
export function relayError(upstream: UpstreamReply, text: string): GatewayAnswer {
  const headers = relayHeaders(upstream.headers);
  if (/json/i.test(upstream.headers.get('content-type') ?? '')) return { status: upstream.status, headers, body: text };
  const extra: Record<string, string> = {};
  const retryAfter = upstream.headers.get('retry-after');
  if (retryAfter) extra['retry-after'] = retryAfter;
  throw new GatewayError(upstream.status, `The upstream answered HTTP ${upstream.status}: ${text.slice(0, 300).trim() || '(empty body)'}`, { headers: extra });
}
