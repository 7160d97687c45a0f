// Ids and timestamps the gateway makes up when an upstream gave none (or a client protocol needs
// its own kind): one place for the random part and the clock, so every protocol's ids look alike
// (prefix + 32 hex digits) and a test can freeze both.

/** `prefix` + 32 random hex digits, e.g. `msg_` → `msg_3f2a…`. */
export function mintId(prefix: string): string {
  return `${prefix}${crypto.randomUUID().replace(/-/g, '')}`;
}

/** Now, in Unix seconds (every protocol's `created`). */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
