// Where the key of the gateway's compaction envelopes (sealed-envelope.ts) comes from. It must
// be the same after a restart and on every Worker isolate, or a client's compaction item would
// stop opening; so it is derived from configuration, never generated at start-up:
// 1. `ANY_API_SECRET` (env variable / Worker secret): the recommended source, independent of
//    the gateway keys, so keys can be added and revoked without invalidating compactions.
// 2. Otherwise the gateway keys themselves (WORKER_AUTH_KEY + WORKER_AUTH_KEYS, sorted, so
//    their order does not matter): secret from clients that do not hold them, but changing the
//    key list changes the secret, and earlier compaction items then get a 400.
// 3. Neither (Node on loopback without keys): compaction is refused with a 500 that says what to set.
import { GatewayError } from '../errors/gateway-error.ts';
import { deriveEnvelopeKey } from './sealed-envelope.ts';

export const SECRET_ENV = 'ANY_API_SECRET';

/** The secret text, or undefined when the gateway has none (see above). */
export function compactionSecret(env: (name: string) => string | undefined): string | undefined {
  const secret = env(SECRET_ENV)?.trim();
  if (secret) return `secret:${secret}`;
  const keys = [env('WORKER_AUTH_KEY') ?? '', ...(env('WORKER_AUTH_KEYS') ?? '').split(',')].map((k) => k.trim()).filter((k) => k !== '');
  if (keys.length === 0) return undefined;
  // Sorted and de-duplicated: the same set of keys gives the same secret, however listed.
  return `keys:${[...new Set(keys)].sort().join('\n')}`;
}

/** Derived keys by secret, per isolate: HKDF runs once per secret, not per request. */
const keys = new Map<string, Promise<CryptoKey>>();

/** The envelope key of this gateway; a 500 naming ANY_API_SECRET when there is no secret. */
export function compactionKey(env: (name: string) => string | undefined): Promise<CryptoKey> {
  const secret = compactionSecret(env);
  if (secret === undefined) {
    throw new GatewayError(500, `Compaction needs a secret to seal its summaries: set ${SECRET_ENV} (or configure WORKER_AUTH_KEY / WORKER_AUTH_KEYS).`);
  }
  let key = keys.get(secret);
  if (!key) {
    // One entry per distinct secret: a handful over an isolate's life (a key rotation adds one).
    if (keys.size > 16) keys.clear();
    key = deriveEnvelopeKey(secret);
    keys.set(secret, key);
  }
  return key;
}
