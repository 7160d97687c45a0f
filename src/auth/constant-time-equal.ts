// Key comparison that takes the same time wherever the first differing byte is: both sides
// are hashed to 32 bytes first, so neither content nor length shapes the loop.
const encoder = new TextEncoder();

/** SHA-256 of a key: synchronous where the runtime has it (Node's crypto), a promise with Web Crypto. */
export type KeyDigest = (value: string) => Uint8Array | Promise<Uint8Array>;

export async function webDigest(value: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(value)));
}

export function equalDigests(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length && i < b.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}
