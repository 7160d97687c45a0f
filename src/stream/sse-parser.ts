// The one SSE reader (https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream),
// incremental and pure: text in, whole events out. Unlike a general-purpose parser it keeps
// each event's original text, so a same-protocol relay can re-send exactly the bytes the
// upstream sent, and it reports lines that are not SSE at all (an HTML error page, a bare
// JSON line from a broken proxy) instead of silently ignoring them as the spec would: the
// relay drops them with a warning, and a body made only of them is no stream.
// Lines end in CRLF, LF or CR, split anywhere between chunks (a CR at a chunk's end waits
// for the next chunk to see whether an LF follows).

export interface SseMessage {
  /** The `event:` name, when the upstream sends one (Responses, Claude). */
  event?: string;
  data: string;
}

export interface SseEvent extends SseMessage {
  /** The event's lines exactly as received (garbage lines removed), blank line included. */
  raw: string;
  /** A block of comment lines only (`: keep-alive`): no event for a reader, but relayable. */
  comment?: true;
}

export interface SseParser {
  /** Feeds decoded text; returns the events it completed. */
  feed(text: string): SseEvent[];
  /** Lines dropped because they were not SSE, so far. */
  readonly garbageLines: number;
  /** The first such line (up to 200 characters), to say what the body was instead. */
  readonly firstGarbage: string | undefined;
  /** The start (up to 200 characters) of a last line that never ended. */
  readonly unterminated: string | undefined;
}

export class SseEventTooLargeError extends Error {
  readonly limit: number;

  constructor(limit: number) {
    super(`an SSE event larger than ${limit} bytes`);
    this.limit = limit;
  }
}

/** A field name this parser knows, at the start of `text`: `data`, `event`, `id` or `retry`, then `:` or the end. */
function fieldName(text: string): 'data' | 'event' | 'id' | 'retry' | undefined {
  for (const name of ['data', 'event', 'id', 'retry'] as const) {
    if (text.startsWith(name) && (text.length === name.length || text.charCodeAt(name.length) === 58 /* : */)) return name;
  }
  return undefined;
}

export interface SseParserOptions {
  /** A bound on one event's size: the parser never holds more than this. */
  maxEventChars?: number;
  /**
   * Keep each event's original text in `raw` (a relay re-sends it). A conversion reads only
   * `event` and `data`: without it no copy of the text is built per event.
   */
  keepRaw?: boolean;
}

export function createSseParser(options: SseParserOptions = {}): SseParser {
  const maxEventChars = options.maxEventChars ?? 16 * 1024 * 1024;
  const keepRaw = options.keepRaw ?? true;
  let buffer = '';
  let first = true;
  let raw = '';
  /** Some line of the current event was seen (a comment, a field): a blank line ends it. */
  let open = false;
  let data: string | undefined;
  let event: string | undefined;
  let fields = false;
  let garbage = 0;
  let firstGarbage: string | undefined;

  const reset = () => {
    raw = '';
    open = false;
    data = undefined;
    event = undefined;
    fields = false;
  };

  function line(text: string, ending: string, out: SseEvent[]): void {
    if (text === '') {
      if (!open) return;
      const block = keepRaw ? raw + ending : '';
      if (data !== undefined) out.push(event === undefined ? { data, raw: block } : { event, data, raw: block });
      else if (!fields) out.push({ data: '', raw: block, comment: true });
      // Fields but no data (a lone `event:` or `id:`): nothing to dispatch, per the spec.
      reset();
      return;
    }
    if (text.charCodeAt(0) === 58 /* : */) {
      open = true;
      if (keepRaw) raw += text + ending;
      return;
    }
    const name = fieldName(text);
    if (name === undefined) {
      garbage += 1;
      firstGarbage ??= text.slice(0, 200);
      return;
    }
    open = true;
    if (keepRaw) raw += text + ending;
    fields = true;
    if (name !== 'data' && name !== 'event') return; // `id` and `retry` stay in `raw` for a relay; nothing here reconnects.
    const valueStart = name.length + (text.charCodeAt(name.length + 1) === 32 /* space */ ? 2 : 1);
    const value = valueStart >= text.length ? '' : text.slice(valueStart);
    if (name === 'data') data = data === undefined ? value : `${data}\n${value}`;
    else event = value;
  }

  return {
    feed(text) {
      const out: SseEvent[] = [];
      buffer += text;
      if (first && buffer.length > 0) {
        first = false;
        if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
      }
      let start = 0;
      const length = buffer.length;
      for (let i = start; i < length; i++) {
        const c = buffer.charCodeAt(i);
        if (c !== 10 && c !== 13) continue;
        if (c === 13 && i === length - 1) break; // CR at the end: an LF may follow in the next chunk
        const crlf = c === 13 && buffer.charCodeAt(i + 1) === 10;
        const end = crlf ? i + 2 : i + 1;
        line(buffer.slice(start, i), crlf ? '\r\n' : c === 13 ? '\r' : '\n', out);
        start = end;
        i = end - 1;
      }
      buffer = start === 0 ? buffer : buffer.slice(start);
      if (buffer.length + (keepRaw ? raw.length : (data?.length ?? 0)) > maxEventChars) throw new SseEventTooLargeError(maxEventChars);
      return out;
    },
    get garbageLines() {
      return garbage;
    },
    get firstGarbage() {
      return firstGarbage;
    },
    get unterminated() {
      return buffer === '' ? undefined : buffer.slice(0, 200);
    },
  };
}
