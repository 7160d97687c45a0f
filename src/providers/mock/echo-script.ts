// What the mock provider says: it echoes the last user text back in a few chunks, with
// token counts estimated at ~4 characters per token. Deterministic, so tests and the
// README's curl examples always see the same answer.
export interface EchoScript {
  id: string;
  text: string;
  chunks: string[];
  inputTokens: number;
  outputTokens: number;
}

const estimateTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

/** Splits into about three pieces at spaces, so streams show several deltas. */
function chunk(text: string): string[] {
  const words = text.split(/(?<= )/);
  const size = Math.max(1, Math.ceil(words.length / 3));
  const out: string[] = [];
  for (let i = 0; i < words.length; i += size) out.push(words.slice(i, i + size).join(''));
  return out;
}

export function echoScript(prompt: string, requestText: string): EchoScript {
  const text = `Echo: ${prompt.slice(0, 500) || '(no text)'}`;
  return {
    id: `mock${(requestText.length * 2654435761 >>> 0).toString(16)}`,
    text,
    chunks: chunk(text),
    inputTokens: estimateTokens(requestText),
    outputTokens: estimateTokens(text),
  };
}

/** The text of the last user turn, whatever the protocol's shape. */
export function lastUserText(turns: unknown): string {
  if (!Array.isArray(turns)) return typeof turns === 'string' ? turns : '';
  for (let i = turns.length - 1; i >= 0; i--) {
    const turn: unknown = turns[i];
    if (typeof turn !== 'object' || turn === null) continue;
    const { role, content, parts } = turn as { role?: unknown; content?: unknown; parts?: unknown };
    if (role !== undefined && role !== 'user') continue;
    const text = textOf(content ?? parts);
    if (text) return text;
  }
  return '';
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) => (typeof part === 'object' && part !== null && typeof (part as { text?: unknown }).text === 'string' ? (part as { text: string }).text : ''))
    .filter(Boolean)
    .join(' ');
}
