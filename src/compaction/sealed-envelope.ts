// The gateway's own sealed envelope: text only this gateway can read, and no one can forge.
// Used for the `encrypted_content` of the compaction items it emulates: OpenAI documents that
// content as "encrypted, opaque … not intended to be human-interpretable"
// (https://developers.openai.com/api/docs/guides/compaction), so a client must neither read
// the summary inside nor slip its own text in as one.
//
// Format: `v1.` + base64url(12-byte IV ‖ AES-256-GCM ciphertext ‖ 16-byte tag). The key is
// HKDF-SHA-256 of the gateway secret (compaction-secret.ts); the version prefix names the
// key derivation and cipher, so a later format can be told apart and refused clearly. The
// associated data binds an envelope to what it was sealed for (the gateway key's owner), so
// one gateway key's summary does not open under another. Web Crypto only: the same code on
// Node and Workers.
import { base64UrlToBytes, bytesToBase64Url } from '../hub/base64url.ts';

export const ENVELOPE_VERSION = 'v1';
export const ENVELOPE_PREFIX = `${ENVELOPE_VERSION}.`;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const encoder = new TextEncoder();

/** The envelope's bytes, or undefined for text outside the base64url alphabet. */
function envelopeBytes(encoded: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(encoded)) return undefined;
  try {
    return base64UrlToBytes(encoded);
  } catch {
    return undefined;
  }
}

/** The AES-GCM key for one secret: HKDF-SHA-256, salt and info naming this use and version. */
export async function deriveEnvelopeKey(secret: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: encoder.encode('any-api sealed envelope'), info: encoder.encode(`compaction ${ENVELOPE_VERSION}`) },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** `plaintext` sealed for `context` (associated data: it must be given again to open). */
export async function sealEnvelope(key: CryptoKey, plaintext: string, context: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(context) }, key, encoder.encode(plaintext)));
  const joined = new Uint8Array(IV_BYTES + sealed.length);
  joined.set(iv);
  joined.set(sealed, IV_BYTES);
  return ENVELOPE_PREFIX + bytesToBase64Url(joined);
}

/** Whether `value` claims to be one of ours (it may still fail to open). */
export function isOurEnvelope(value: string): boolean {
  return value.startsWith(ENVELOPE_PREFIX);
}

/**
 * The plaintext of an envelope, or undefined when it is not ours, was altered, or was sealed
 * under another key or for another context: the caller cannot tell these apart, and need not.
 */
export async function openEnvelope(key: CryptoKey, envelope: string, context: string): Promise<string | undefined> {
  if (!isOurEnvelope(envelope)) return undefined;
  const bytes = envelopeBytes(envelope.slice(ENVELOPE_PREFIX.length));
  if (!bytes || bytes.length < IV_BYTES + TAG_BYTES) return undefined;
  try {
    const opened = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.subarray(0, IV_BYTES), additionalData: encoder.encode(context) }, key, bytes.subarray(IV_BYTES));
    return new TextDecoder('utf-8', { fatal: true }).decode(opened);
  } catch {
    return undefined;
  }
}
