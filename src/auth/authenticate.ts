// Inbound auth, as the original any-api README defines it: the gateway's own key (never an
// upstream key) in `Authorization: Bearer <k>`, `Authorization: <k>` or `x-api-key: <k>`;
// on /gemini/ paths also `x-goog-api-key: <k>` or `?key=<k>`. Never forwarded upstream.
import { GatewayError } from '../errors/gateway-error.ts';
import type { GatewayRequest } from '../http/exchange.ts';
import { equalDigests, webDigest, type KeyDigest } from './constant-time-equal.ts';

export interface AuthKeys {
  /** SHA-256 of each accepted key. */
  digests: Uint8Array[];
}

let cache: { source: string; keys: Promise<AuthKeys> } | undefined;

/** Reads WORKER_AUTH_KEY and WORKER_AUTH_KEYS (comma separated); hashed once per isolate (with the Web Crypto digest: the same on every runtime). */
export function loadAuthKeys(single: string | undefined, list: string | undefined): Promise<AuthKeys> {
  const source = `${single ?? ''}\n${list ?? ''}`;
  if (cache?.source !== source) {
    const keys = [single ?? '', ...(list ?? '').split(',')].map((k) => k.trim()).filter((k) => k !== '');
    cache = { source, keys: Promise.all(keys.map(webDigest)).then((digests) => ({ digests })) };
  }
  return cache.keys;
}

function candidates(request: GatewayRequest, url: URL): { keys: string[]; geminiFormsElsewhere: boolean } {
  const keys: string[] = [];
  const authorization = request.headers.get('authorization')?.trim();
  if (authorization) keys.push(authorization.replace(/^bearer\s+/i, ''));
  const apiKey = request.headers.get('x-api-key')?.trim();
  if (apiKey) keys.push(apiKey);
  const googKey = request.headers.get('x-goog-api-key')?.trim();
  // searchParams is built on first use: most requests carry no query at all.
  const queryKey = url.search === '' ? undefined : url.searchParams.get('key')?.trim();
  const isGemini = url.pathname.startsWith('/gemini/');
  if (isGemini) {
    if (googKey) keys.push(googKey);
    if (queryKey) keys.push(queryKey);
  }
  return { keys, geminiFormsElsewhere: !isGemini && Boolean(googKey || queryKey) };
}

/**
 * Who a gateway key is to the response store: half of its SHA-256, in hex. Stable across
 * restarts and key-list reorders, and not the key (nor its full digest) itself.
 */
const owners = new WeakMap<Uint8Array, string>();
function ownerOf(digest: Uint8Array): string {
  // Only accepted keys' digests get here, the same few objects every request: spelled once each.
  let hex = owners.get(digest);
  if (hex === undefined) {
    hex = '';
    for (const byte of digest.subarray(0, 16)) hex += byte.toString(16).padStart(2, '0');
    owners.set(digest, hex);
  }
  return hex;
}

/** The owner of what a gateway without keys (Node on loopback) stores. */
export const ANONYMOUS_OWNER = 'anonymous';

/**
 * The owner (ownerOf) of the key the request carries; throws a 401 GatewayError unless it carries one of the keys. `digest` is the
 * runtime's SHA-256 (synchronous on Node, Web Crypto on Workers); both give the same bytes.
 */
export async function authenticate(request: GatewayRequest, keys: AuthKeys, digest: KeyDigest = webDigest): Promise<string> {
  const { keys: offered, geminiFormsElsewhere } = candidates(request, request.url);
  let matched: Uint8Array | undefined;
  // Every offered key is compared with every accepted key: no early exit to time.
  for (const key of offered) {
    const hashed = digest(key);
    const offeredDigest = hashed instanceof Uint8Array ? hashed : await hashed;
    for (const accepted of keys.digests) if (equalDigests(offeredDigest, accepted)) matched = accepted;
  }
  if (matched) return ownerOf(matched);
  if (offered.length === 0 && geminiFormsElsewhere) {
    throw new GatewayError(401, 'x-goog-api-key and ?key= are accepted only on /gemini/ paths; use Authorization: Bearer <key> or x-api-key.');
  }
  throw new GatewayError(401, offered.length === 0
    ? 'Missing gateway API key: send Authorization: Bearer <key> or x-api-key: <key>.'
    : 'Invalid gateway API key.');
}
