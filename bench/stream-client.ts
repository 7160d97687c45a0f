// The streaming bench's client: one streamed POST over node:http with timings taken as bytes
// arrive (request start → response headers, first body byte, first content delta, last byte)
// and SSE events counted on the fly (blank-line terminators; no parsing, so the client costs
// next to nothing while timing). `keepBody` keeps the text for `checkStream`, which parses it
// and checks the event order and the text a client of that protocol would assemble.
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export type ClientProtocol = 'claude' | 'chat' | 'responses';

export interface StreamSpec {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** The protocol of the stream the client receives (what the first-delta marker and the check read). */
  protocol: ClientProtocol;
}

export interface StreamResult {
  status: number;
  /** ms from request start. NaN when it never happened. */
  headersMs: number;
  firstByteMs: number;
  firstDeltaMs: number;
  endMs: number;
  events: number;
  bytes: number;
  body?: string;
  error?: string;
}

// First content delta, as each protocol writes it: Claude and Responses name the event; Chat's
// first content chunk is the first `"delta":{"content":"…"}` with a non-empty string (the role
// chunk carries `"content":""`).
const MARKER: Record<ClientProtocol, Buffer> = {
  claude: Buffer.from('event: content_block_delta'),
  responses: Buffer.from('event: response.output_text.delta'),
  chat: Buffer.from('"delta":{"content":"'),
};
const QUOTE = 0x22;
const LF = 0x0a;
const BLANK_LINE = Buffer.from('\n\n');

function hasDelta(protocol: ClientProtocol, buf: Buffer): boolean {
  const marker = MARKER[protocol];
  for (let at = buf.indexOf(marker); at >= 0; at = buf.indexOf(marker, at + 1)) {
    if (protocol !== 'chat') return true;
    const next = buf[at + marker.length];
    if (next !== undefined && next !== QUOTE) return true;
  }
  return false;
}

export interface StreamOptions {
  keepBody?: boolean;
  timeoutMs?: number;
  /** When the response headers arrive, and when the stream is over (only after headers). */
  onOpen?: () => void;
  onClose?: () => void;
}

export function streamOnce(spec: StreamSpec, agent: Agent, options: StreamOptions = {}): Promise<StreamResult> {
  const t0 = performance.now();
  const result: StreamResult = { status: 0, headersMs: Number.NaN, firstByteMs: Number.NaN, firstDeltaMs: Number.NaN, endMs: Number.NaN, events: 0, bytes: 0 };
  const parts: Buffer[] = [];
  return new Promise((resolve) => {
    let settled = false;
    const settle = (error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error !== undefined) result.error = error;
      if (options.keepBody) result.body = Buffer.concat(parts).toString('utf8');
      if (!Number.isNaN(result.headersMs)) options.onClose?.();
      resolve(result);
    };
    const req = request(spec.url, { method: 'POST', agent, headers: { ...spec.headers, 'content-length': Buffer.byteLength(spec.body) } }, (res) => {
      result.headersMs = performance.now() - t0;
      result.status = res.statusCode ?? 0;
      options.onOpen?.();
      let lastLf = false;
      // The tail of the previous chunk, until the first delta is seen (a marker may straddle chunks).
      let carry: Buffer | undefined;
      res.on('data', (chunk: Buffer) => {
        const now = performance.now() - t0;
        if (result.bytes === 0) result.firstByteMs = now;
        result.bytes += chunk.length;
        if (options.keepBody) parts.push(chunk);
        if (Number.isNaN(result.firstDeltaMs)) {
          const window = carry ? Buffer.concat([carry, chunk]) : chunk;
          if (hasDelta(spec.protocol, window)) result.firstDeltaMs = now;
          else carry = window.subarray(Math.max(0, window.length - 64));
        }
        if (lastLf && chunk[0] === LF) result.events += 1;
        for (let at = chunk.indexOf(BLANK_LINE); at >= 0; at = chunk.indexOf(BLANK_LINE, at + 2)) result.events += 1;
        lastLf = chunk[chunk.length - 1] === LF;
      });
      res.on('end', () => {
        result.endMs = performance.now() - t0;
        settle();
      });
      res.on('error', (error) => settle(error.message));
      res.on('aborted', () => settle('response aborted'));
    });
    const timer = setTimeout(() => {
      req.destroy(new Error(`no end after ${options.timeoutMs ?? 30_000} ms`));
    }, options.timeoutMs ?? 30_000);
    req.on('error', (error) => settle(error.message));
    req.end(spec.body);
  });
}

// ---------------------------------------------------------------------------------------------
// Checking one stream as a client of its protocol would read it.

interface SseEvent {
  event?: string;
  data: string;
}

export function parseSseText(raw: string): { events: SseEvent[]; comments: number } {
  const events: SseEvent[] = [];
  let comments = 0;
  for (const block of raw.split(/\r?\n\r?\n/)) {
    if (block === '') continue;
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith(':')) comments += 1;
      else if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
    }
    if (data.length > 0) events.push(event === undefined ? { data: data.join('\n') } : { event, data: data.join('\n') });
  }
  return { events, comments };
}

/** "a b b b c" → "a b×3 c": event sequences read at a glance. */
export function runs(names: readonly string[]): string {
  const out: string[] = [];
  for (let i = 0; i < names.length;) {
    let j = i;
    while (j < names.length && names[j] === names[i]) j++;
    out.push(j - i > 1 ? `${names[i]}×${j - i}` : names[i]!);
    i = j;
  }
  return out.join(' ');
}

// Loose on purpose: the check reads whatever arrived, and reports what is missing.
type Json = Record<string, any>;

function json(data: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === 'object' && value !== null ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

export interface StreamCheck {
  /** Event names in order (Chat chunks named by what they carry). */
  sequence: string[];
  text: string;
  problems: string[];
  keepAlives: number;
}

export interface Expected {
  text: string;
  /** Output and input tokens the upstream reported. */
  outputTokens: number;
  inputTokens: number;
  /** Chat client asked for stream_options.include_usage. */
  chatUsage?: boolean;
}

const ORDER: Record<ClientProtocol, (n: number, chatUsage: boolean) => RegExp> = {
  claude: () => /^message_start (ping )*content_block_start (ping )*(content_block_delta (ping )*)+content_block_stop message_delta message_stop$/,
  chat: (_n, usage) => new RegExp(`^role (content )+finish ${usage ? 'usage ' : ''}done$`),
  responses: () => /^response\.created response\.in_progress response\.output_item\.added response\.content_part\.added (response\.output_text\.delta )+response\.output_text\.done response\.content_part\.done response\.output_item\.done response\.completed$/,
};

export function checkStream(protocol: ClientProtocol, raw: string, expected: Expected): StreamCheck {
  const { events, comments } = parseSseText(raw);
  const problems: string[] = [];
  const sequence: string[] = [];
  const texts: string[] = [];
  let usage: { input?: number; output?: number } | undefined;
  const bad = (what: string) => { if (problems.length < 5) problems.push(what); };

  events.forEach((e, i) => {
    if (protocol === 'chat' && e.data === '[DONE]') return void sequence.push('done');
    const data = json(e.data);
    if (!data) return void (bad(`event #${i} is not JSON: ${e.data.slice(0, 80)}`), sequence.push('?'));
    if (protocol === 'chat') {
      if (data.error) return void (bad(`error chunk #${i}: ${e.data.slice(0, 160)}`), sequence.push('error'));
      const choice = data.choices?.[0] as Json | undefined;
      if (!choice) {
        sequence.push(data.usage ? 'usage' : 'empty');
        if (data.usage) usage = { input: data.usage.prompt_tokens, output: data.usage.completion_tokens };
        return;
      }
      const delta = (choice.delta ?? {}) as Json;
      if (typeof delta.content === 'string') texts.push(delta.content);
      sequence.push(delta.role === 'assistant' ? 'role' : choice.finish_reason ? 'finish' : typeof delta.content === 'string' && delta.content !== '' ? 'content' : 'other');
      if (choice.finish_reason && choice.finish_reason !== 'stop') bad(`finish_reason ${choice.finish_reason}, expected stop`);
      if (data.usage) bad(`chunk #${i} has usage and choices`);
      return;
    }
    const type = String(data.type);
    sequence.push(type);
    if (e.event !== undefined && e.event !== type) bad(`event #${i}: \`event: ${e.event}\` but data.type ${type}`);
    if (protocol === 'claude') {
      if (type === 'content_block_delta') texts.push(data.delta?.text ?? '');
      if (type === 'message_delta') usage = { input: data.usage?.input_tokens, output: data.usage?.output_tokens };
      if (type === 'message_delta' && data.delta?.stop_reason !== 'end_turn') bad(`stop_reason ${data.delta?.stop_reason}, expected end_turn`);
      if (type === 'error') bad(`error event #${i}: ${e.data.slice(0, 160)}`);
    } else {
      if (data.sequence_number !== i) bad(`event #${i} (${type}) has sequence_number ${data.sequence_number}`);
      if (type === 'response.output_text.delta') texts.push(data.delta ?? '');
      if (type === 'response.output_text.done' && data.text !== expected.text) bad('output_text.done text differs from the streamed text');
      if (type === 'response.completed') {
        usage = { input: data.response?.usage?.input_tokens, output: data.response?.usage?.output_tokens };
        if (data.response?.output?.[0]?.content?.[0]?.text !== expected.text) bad('response.completed output text differs from the streamed text');
      }
      if (type === 'response.failed' || type === 'error') bad(`${type} event #${i}: ${e.data.slice(0, 160)}`);
    }
  });

  if (!ORDER[protocol](expected.outputTokens, expected.chatUsage === true).test(sequence.join(' '))) {
    bad(`event order: ${runs(sequence)}`);
  }
  const text = texts.join('');
  if (text !== expected.text) {
    let at = 0;
    while (at < text.length && text[at] === expected.text[at]) at++;
    bad(`text differs at char ${at} of ${expected.text.length} (got ${text.length} chars): …${JSON.stringify(text.slice(at, at + 30))}`);
  }
  if (protocol !== 'chat' || expected.chatUsage) {
    if (usage?.output !== expected.outputTokens || usage.input !== expected.inputTokens) {
      bad(`usage in/out ${usage?.input}/${usage?.output}, expected ${expected.inputTokens}/${expected.outputTokens}`);
    }
  }
  return { sequence, text, problems, keepAlives: comments };
}
