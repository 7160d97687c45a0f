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
  /** Characters of an event (or line) still waiting for its end: what the body stopped inside of. */
  readonly pendingChars: number;
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

const KNOWN_FIELD = /^(?:data|event|id|retry)(?::|$)/;

/** @param maxEventChars a bound on one event's size: the parser never holds more than this. */
export function createSseParser(maxEventChars = 16 * 1024 * 1024): SseParser {
  let buffer = '';
  let first = true;
  let raw = '';
  let data: string | undefined;
  let event: string | undefined;
  let fields = false;
  let garbage = 0;
  let firstGarbage: string | undefined;

  const reset = () => {
    raw = '';
    data = undefined;
    event = undefined;
    fields = false;
  };

  function line(text: string, ending: string, out: SseEvent[]): void {
    if (text === '') {
      if (raw === '') return;
      const block = raw + ending;
      if (data !== undefined) out.push(event === undefined ? { data, raw: block } : { event, data, raw: block });
      else if (!fields) out.push({ data: '', raw: block, comment: true });
      // Fields but no data (a lone `event:` or `id:`): nothing to dispatch, per the spec.
      reset();
      return;
    }
    if (text.charCodeAt(0) === 58 /* : */) {
      raw += text + ending;
      return;
    }
    if (!KNOWN_FIELD.test(text)) {
      garbage += 1;
      firstGarbage ??= text.slice(0, 200);
      return;
    }
    raw += text + ending;
    fields = true;
    const colon = text.indexOf(':');
    const name = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.charCodeAt(0) === 32 /* space */) value = value.slice(1);
    if (name === 'data') data = data === undefined ? value : `${data}\n${value}`;
    else if (name === 'event') event = value;
    // `id` and `retry` stay in `raw` for a relay; nothing here reconnects.
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
        line(buffer.slice(start, i), buffer.slice(i, end), out);
        start = end;
        i = end - 1;
      }
      buffer = start === 0 ? buffer : buffer.slice(start);
      if (buffer.length + raw.length > maxEventChars) throw new SseEventTooLargeError(maxEventChars);
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
    get pendingChars() {
      return buffer.length + raw.length;
    },
  };
}
