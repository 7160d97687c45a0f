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

const FIELD_NAMES = ['data', 'event', 'id', 'retry'] as const;

/** A field name this parser knows, at the start of the line `text[from, to)`: `data`, `event`, `id` or `retry`, then `:` or the end. */
function fieldName(text: string, from: number, to: number): (typeof FIELD_NAMES)[number] | undefined {
  for (const name of FIELD_NAMES) {
    const end = from + name.length;
    if (end <= to && text.startsWith(name, from) && (end === to || text.charCodeAt(end) === 58 /* : */)) return name;
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
  /**
   * The current event's original text: what came before this buffer in `raw`, and from
   * `rawFrom` in the buffer on (-1: the event has not started). An event is usually one slice
   * of one chunk's text; it is copied only where a garbage line is cut out or a chunk ends.
   */
  let raw = '';
  let rawFrom = -1;
  let data: string | undefined;
  let event: string | undefined;
  let fields = false;
  let garbage = 0;
  let firstGarbage: string | undefined;

  const reset = () => {
    raw = '';
    rawFrom = -1;
    data = undefined;
    event = undefined;
    fields = false;
  };

  /** The line `buffer[from, to)`, its ending running to `next`. */
  function line(from: number, to: number, next: number, out: SseEvent[]): void {
    if (from === to) {
      if (rawFrom < 0) return;
      const block = keepRaw ? raw + buffer.slice(rawFrom, next) : '';
      if (data !== undefined) out.push(event === undefined ? { data, raw: block } : { event, data, raw: block });
      else if (!fields) out.push({ data: '', raw: block, comment: true });
      // Fields but no data (a lone `event:` or `id:`): nothing to dispatch, per the spec.
      reset();
      return;
    }
    if (buffer.charCodeAt(from) === 58 /* : */) {
      if (rawFrom < 0) rawFrom = from;
      return;
    }
    const name = fieldName(buffer, from, to);
    if (name === undefined) {
      garbage += 1;
      firstGarbage ??= buffer.slice(from, Math.min(to, from + 200));
      // Cut out of the event's text: what came before it is kept, the text goes on after it.
      if (rawFrom >= 0) {
        if (keepRaw) raw += buffer.slice(rawFrom, from);
        rawFrom = next;
      }
      return;
    }
    if (rawFrom < 0) rawFrom = from;
    fields = true;
    if (name !== 'data' && name !== 'event') return; // `id` and `retry` stay in `raw` for a relay; nothing here reconnects.
    const valueStart = from + name.length + (buffer.charCodeAt(from + name.length + 1) === 32 /* space */ ? 2 : 1);
    const value = valueStart >= to ? '' : buffer.slice(valueStart, to);
    if (name === 'data') data = data === undefined ? value : `${data}\n${value}`;
    else event = value;
  }

  return {
    feed(text) {
      const out: SseEvent[] = [];
      buffer = buffer === '' ? text : buffer + text;
      if (first && buffer.length > 0) {
        first = false;
        if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
      }
      const length = buffer.length;
      let start = 0;
      // Line ends found with indexOf (native, fast) rather than a loop over every character;
      // most upstreams end lines in LF alone, so after one look there is no CR to find.
      let lf = buffer.indexOf('\n');
      let cr = buffer.indexOf('\r');
      while (lf >= 0 || cr >= 0) {
        if (cr >= 0 && (lf < 0 || cr < lf)) {
          if (cr === length - 1) break; // CR at the end: an LF may follow in the next chunk
          const next = lf === cr + 1 ? cr + 2 : cr + 1;
          line(start, cr, next, out);
          start = next;
        } else {
          line(start, lf, lf + 1, out);
          start = lf + 1;
        }
        if (lf >= 0 && lf < start) lf = buffer.indexOf('\n', start);
        if (cr >= 0 && cr < start) cr = buffer.indexOf('\r', start);
      }
      if (start > 0) {
        // The part of an open event in the text consumed so far moves into `raw`.
        if (rawFrom >= 0) {
          if (keepRaw) raw += buffer.slice(rawFrom, start);
          rawFrom = 0;
        }
        buffer = buffer.slice(start);
      }
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
