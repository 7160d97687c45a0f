// Headers read by name (lower-case) or all at once: what error decoders and relays need of an
// upstream's response headers. Web `Headers` satisfies it; Node's upstream client builds one
// over undici's plain header object.
export interface HeaderReader {
  get(name: string): string | null;
  forEach(callback: (value: string, name: string) => void): void;
}
