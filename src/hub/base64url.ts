// Bytes or text ↔ URL-safe base64 (RFC 4648 §5, no padding): the charset [A-Za-z0-9_-] that
// every protocol's tool-call ids accept, so state the gateway hides in ids (or seals in an
// envelope) survives every client. btoa/atob: the same on Workers and Node.
export function bytesToBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of `encoded`; throws on text that is not base64. */
export function base64UrlToBytes(encoded: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(encoded.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
}

export function toBase64Url(text: string): string {
  return bytesToBase64Url(new TextEncoder().encode(text));
}

export function fromBase64Url(encoded: string): string {
  return new TextDecoder().decode(base64UrlToBytes(encoded));
}
