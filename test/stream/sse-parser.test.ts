// The incremental SSE parser against a whole-text reading of the same bytes: for random streams
// of data/event/id/retry fields, comments, blank lines and lines that are not SSE, with LF, CRLF
// and CR endings, fed in random splits (inside CRLF too), it yields exactly the events, the
// original text of each, and the garbage count that reading the whole text line by line gives.
import { describe, expect, it } from 'vitest';
import { createSseParser, SseEventTooLargeError, type SseEvent } from '../../src/stream/sse-parser.ts';

/** The spec's reading of a whole text at once: split into lines, dispatch on blank lines. */
function wholeText(text: string, keepRaw: boolean): { events: SseEvent[]; garbage: number } {
  const events: SseEvent[] = [];
  let garbage = 0;
  let raw = '';
  let open = false;
  let fields = false;
  let data: string | undefined;
  let event: string | undefined;
  for (const [, line = '', ending = ''] of text.replace(/^\uFEFF/, '').matchAll(/([^\r\n]*)(\r\n|\r|\n)/g)) {
    if (line === '') {
      if (!open) continue;
      const block = keepRaw ? raw + ending : '';
      if (data !== undefined) events.push(event === undefined ? { data, raw: block } : { event, data, raw: block });
      else if (!fields) events.push({ data: '', raw: block, comment: true });
      raw = '';
      open = fields = false;
      data = event = undefined;
      continue;
    }
    const field = /^(data|event|id|retry)(?::|$)/.exec(line)?.[1];
    if (!line.startsWith(':') && field === undefined) {
      garbage += 1;
      continue;
    }
    open = true;
    raw += line + ending;
    if (field === undefined) continue;
    fields = true;
    const value = line.slice(field.length + 1).replace(/^ /, '');
    if (field === 'data') data = data === undefined ? value : `${data}\n${value}`;
    if (field === 'event') event = value;
  }
  return { events, garbage };
}

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const LINES = ['data: {"a":1}', 'data:x', 'data', 'data:  two spaces', 'event: message_start', 'event:ping', 'id: 7', 'retry: 100',
  ': keep-alive', ':', '<html>', '{"bare":"json"}', 'dat', 'data-x: no', '', '', '', 'data: é ✓ 😀'];
const ENDINGS = ['\n', '\n', '\n', '\r\n', '\r'];

function randomStream(next: () => number): string {
  let text = next() < 0.1 ? '\uFEFF' : '';
  const lines = 5 + Math.floor(next() * 40);
  for (let i = 0; i < lines; i++) text += LINES[Math.floor(next() * LINES.length)]! + ENDINGS[Math.floor(next() * ENDINGS.length)]!;
  // A final blank line, so the last event is complete and no CR is left ambiguous at the end.
  return `${text}\n\n`;
}

function feedInPieces(text: string, next: () => number, keepRaw: boolean) {
  const parser = createSseParser({ keepRaw });
  const events: SseEvent[] = [];
  for (let i = 0; i < text.length;) {
    const size = 1 + Math.floor(next() * 24);
    events.push(...parser.feed(text.slice(i, i + size)));
    i += size;
  }
  return { events, garbage: parser.garbageLines, unterminated: parser.unterminated };
}

describe('SSE parser', () => {
  it('reads any split of a stream as the whole text reads, original text included', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const next = random(seed);
      const text = randomStream(next);
      for (const keepRaw of [true, false]) {
        const expected = wholeText(text, keepRaw);
        const got = feedInPieces(text, next, keepRaw);
        expect({ seed, keepRaw, ...got }).toEqual({ seed, keepRaw, ...expected, unterminated: undefined });
      }
    }
  });

  it('re-sending every event\'s raw text gives back the stream without its garbage lines', () => {
    const text = 'data: 1\n<html>\nid: 2\r\n\r\n: ping\r\r<p>\nevent: e\ndata: 3\n\n';
    const events = feedInPieces(text, random(3), true).events;
    expect(events.map((e) => e.raw).join('')).toBe('data: 1\nid: 2\r\n\r\n: ping\r\revent: e\ndata: 3\n\n');
    expect(events.map((e) => e.data)).toEqual(['1', '', '3']);
  });

  it('waits for the byte after a CR at a chunk\'s end, and names an unterminated last line', () => {
    const parser = createSseParser();
    expect(parser.feed('data: a\r')).toEqual([]);
    expect(parser.feed('\n\r\n')).toEqual([{ data: 'a', raw: 'data: a\r\n\r\n' }]);
    parser.feed('data: cut');
    expect(parser.unterminated).toBe('data: cut');
  });

  it('refuses an event larger than its bound, however it is split', () => {
    const parser = createSseParser({ maxEventChars: 100 });
    expect(() => {
      for (let i = 0; i < 20; i++) parser.feed(`data: ${'x'.repeat(10)}\n`);
    }).toThrow(SseEventTooLargeError);
  });
});
