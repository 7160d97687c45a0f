// The gateway's sealed envelope (compaction items' encrypted_content): what is sealed opens
// again, and nothing else does — not an altered envelope, not another secret's, not another
// owner's, not another version's.
import { describe, expect, it } from 'vitest';
import { compactionKey, compactionSecret } from '../../src/compaction/compaction-secret.ts';
import { deriveEnvelopeKey, openEnvelope, sealEnvelope } from '../../src/compaction/sealed-envelope.ts';

const TEXT = 'The user is building a landing page for a dog café; the hero section is done.';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** One character of the envelope body changed in its highest bit, a bit every position carries (a low bit of the last one may be padding). */
function flipOne(envelope: string, at: number): string {
  const value = BASE64URL.indexOf(envelope[at] ?? 'A');
  return envelope.slice(0, at) + BASE64URL[value ^ 32] + envelope.slice(at + 1);
}

describe('sealed envelope', () => {
  it('round-trips, prefixed with its version, and does not contain the plaintext', async () => {
    const key = await deriveEnvelopeKey('secret-one');
    const sealed = await sealEnvelope(key, TEXT, 'owner-a');
    expect(sealed.startsWith('v1.')).toBe(true);
    // Neither the text nor its base64url form shows through. (A three-letter word such as "dog"
    // turns up in random base64url now and then: this once failed CI for no fault of the code.)
    const body = sealed.slice('v1.'.length);
    expect(sealed).not.toContain('landing page for a dog');
    expect(body).not.toContain(Buffer.from(TEXT).toString('base64url').slice(0, 24));
    expect(Buffer.from(body, 'base64url').toString('latin1')).not.toContain('landing page for a dog');
    expect(await openEnvelope(key, sealed, 'owner-a')).toBe(TEXT);
  });

  it('seals the same text differently each time (random IV)', async () => {
    const key = await deriveEnvelopeKey('secret-one');
    expect(await sealEnvelope(key, TEXT, 'o')).not.toBe(await sealEnvelope(key, TEXT, 'o'));
  });

  it('a key derived from the same secret again opens it (restarts, other isolates)', async () => {
    const sealed = await sealEnvelope(await deriveEnvelopeKey('secret-one'), TEXT, 'o');
    expect(await openEnvelope(await deriveEnvelopeKey('secret-one'), sealed, 'o')).toBe(TEXT);
  });

  it('rejects another secret, another owner, another version, and any altered byte', async () => {
    const key = await deriveEnvelopeKey('secret-one');
    const sealed = await sealEnvelope(key, TEXT, 'owner-a');
    expect(await openEnvelope(await deriveEnvelopeKey('secret-two'), sealed, 'owner-a')).toBeUndefined();
    expect(await openEnvelope(key, sealed, 'owner-b')).toBeUndefined();
    expect(await openEnvelope(key, `v2.${sealed.slice(3)}`, 'owner-a')).toBeUndefined();
    for (const at of [3, 10, Math.floor(sealed.length / 2), sealed.length - 1]) {
      expect(await openEnvelope(key, flipOne(sealed, at), 'owner-a')).toBeUndefined();
    }
    expect(await openEnvelope(key, sealed.slice(0, -4), 'owner-a')).toBeUndefined();
    expect(await openEnvelope(key, 'v1.not base64!', 'owner-a')).toBeUndefined();
    expect(await openEnvelope(key, 'v1.', 'owner-a')).toBeUndefined();
  });
});

describe('compaction secret', () => {
  const env = (vars: Record<string, string>) => (name: string) => vars[name];

  it('prefers ANY_API_SECRET, else the gateway keys in any order, else none', () => {
    expect(compactionSecret(env({ ANY_API_SECRET: 's', WORKER_AUTH_KEY: 'k' }))).toBe(compactionSecret(env({ ANY_API_SECRET: 's' })));
    expect(compactionSecret(env({ WORKER_AUTH_KEYS: 'b, a' }))).toBe(compactionSecret(env({ WORKER_AUTH_KEY: 'a', WORKER_AUTH_KEYS: 'b' })));
    expect(compactionSecret(env({ WORKER_AUTH_KEYS: 'a,b' }))).not.toBe(compactionSecret(env({ WORKER_AUTH_KEYS: 'a,c' })));
    expect(compactionSecret(env({}))).toBeUndefined();
  });

  it('without a secret, compaction is refused with a 500 naming ANY_API_SECRET', () => {
    expect(() => compactionKey(env({}))).toThrow(expect.objectContaining({ status: 500, message: expect.stringContaining('ANY_API_SECRET') }));
  });

  it('envelopes sealed under the keys fallback open after the key list is reordered', async () => {
    const sealed = await sealEnvelope(await compactionKey(env({ WORKER_AUTH_KEYS: 'k1,k2' })), TEXT, 'o');
    expect(await openEnvelope(await compactionKey(env({ WORKER_AUTH_KEYS: 'k2,k1' })), sealed, 'o')).toBe(TEXT);
  });
});
