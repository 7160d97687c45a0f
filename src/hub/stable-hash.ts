// A stable, synchronous 64-bit string hash (16 hex digits) for identifiers derived from content,
// such as a prompt-cache routing key. Not cryptographic: it only has to give the same value for
// the same text on every runtime (Workers, Node) and different values for different texts in
// practice. Web Crypto's digest is async and conversions are synchronous, hence this.
// Two 32-bit multiply-xorshift lanes mixed at the end (the public-domain cyrb53 construction).
export function stableHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}
