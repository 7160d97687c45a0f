// Editing one member of a JSON object's text without parsing and re-serialising the rest: a
// pass-through that changes only `model` sends the client's own bytes with that one value
// replaced. Re-serialising a 200 KB Claude Code request costs more than everything else the
// gateway does with it; this scan skips over string contents with indexOf and looks at
// structure only between strings.

const QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;
const COMMA = 44;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Index of the quote that closes the string opened at `open`, or -1 when there is none. */
function stringEnd(text: string, open: number): number {
  let end = open + 1;
  for (;;) {
    end = text.indexOf('"', end);
    if (end < 0) return -1;
    let slashes = 0;
    for (let b = end - 1; text.charCodeAt(b) === BACKSLASH; b--) slashes++;
    if (slashes % 2 === 0) return end;
    end++;
  }
}

/** A top-level member of a JSON object's text: its key, and where its value's text starts and ends. */
interface MemberSpan {
  key: unknown;
  start: number;
  end: number;
}

/**
 * The top-level members of `text` (a JSON object), in order, with the span of each value as
 * written (surrounding whitespace excluded); undefined when the text is cut off or a member has
 * no colon. One scan serves every edit and slice below: strings are skipped with indexOf, and
 * structure is read only between them.
 */
function topLevelMembers(text: string): MemberSpan[] | undefined {
  const members: MemberSpan[] = [];
  let depth = 0;
  let expectKey = false;
  let current: MemberSpan | undefined;
  const endValue = (member: MemberSpan, end: number) => {
    while (end > member.start && isSpace(text.charCodeAt(end - 1))) end--;
    member.end = end;
    members.push(member);
    current = undefined;
  };
  let i = 0;
  for (;;) {
    const open = text.indexOf('"', i);
    const stop = open < 0 ? text.length : open;
    for (let j = i; j < stop; j++) {
      const c = text.charCodeAt(j);
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        depth++;
        if (depth === 1) expectKey = true;
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        depth--;
        if (depth === 0 && current) endValue(current, j);
      } else if (c === COMMA && depth === 1) {
        expectKey = true;
        if (current) endValue(current, j);
      }
    }
    if (open < 0) return members;
    const close = stringEnd(text, open);
    if (close < 0) return undefined;
    i = close + 1;
    if (depth !== 1 || !expectKey) continue;
    expectKey = false;
    const raw = text.slice(open + 1, close);
    // An escaped key (`"mod\u0065l"`) is the same key to JSON.parse.
    const key: unknown = raw.includes('\\') ? JSON.parse(text.slice(open, close + 1)) : raw;
    let v = close + 1;
    while (isSpace(text.charCodeAt(v))) v++;
    if (text.charCodeAt(v) !== COLON) return undefined;
    v++;
    while (isSpace(text.charCodeAt(v))) v++;
    current = { key, start: v, end: v };
    i = v;
  }
}

/**
 * `text` (a JSON object) with the string value of every top-level member named `key` replaced
 * by `value` — every one, since JSON.parse keeps the last of duplicate keys and the value read
 * from the parsed body must be the one replaced. Undefined when there is no such member or
 * its value is not a string (the caller then serialises the object instead).
 */
export function withTopLevelString(text: string, key: string, value: string): string | undefined {
  const spans = topLevelMembers(text)?.filter((m) => m.key === key);
  if (spans === undefined || spans.length === 0) return undefined;
  // A string value spans exactly its quotes; anything else is left to the caller.
  if (spans.some((m) => text.charCodeAt(m.start) !== QUOTE || stringEnd(text, m.start) + 1 !== m.end)) return undefined;
  const replacement = JSON.stringify(value);
  let out = '';
  let from = 0;
  for (const { start, end } of spans) {
    out += text.slice(from, start) + replacement;
    from = end;
  }
  return out + text.slice(from);
}

/**
 * The text of the value of the top-level member `key` of `text` (a JSON object that parses),
 * the last one when the key repeats (JSON.parse keeps the last); undefined when there is none.
 * Lets a caller keep a large member as the client wrote it instead of serialising it again.
 */
export function topLevelValueText(text: string, key: string): string | undefined {
  const member = topLevelMembers(text)?.findLast((m) => m.key === key);
  return member === undefined ? undefined : text.slice(member.start, member.end);
}

/**
 * The texts of the elements of `text` (a JSON array that parses), in order, as written; an
 * empty list for `[]`, undefined when `text` is no array.
 */
export function arrayElementTexts(text: string): string[] | undefined {
  const start = text.indexOf('[');
  if (start < 0 || text.slice(0, start).trim() !== '') return undefined;
  const elements: string[] = [];
  let depth = 0;
  let from = start + 1;
  const endElement = (end: number) => {
    const element = text.slice(from, end).trim();
    if (element !== '') elements.push(element);
    from = end + 1;
  };
  let i = start;
  for (;;) {
    const open = text.indexOf('"', i);
    const stop = open < 0 ? text.length : open;
    for (let j = i; j < stop; j++) {
      const c = text.charCodeAt(j);
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++;
      else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        depth--;
        if (depth === 0) {
          endElement(j);
          return elements;
        }
      } else if (c === COMMA && depth === 1) endElement(j);
    }
    if (open < 0) return undefined;
    const close = stringEnd(text, open);
    if (close < 0) return undefined;
    i = close + 1;
  }
}
