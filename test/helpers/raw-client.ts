// A client of the gateway with nothing in between: raw `fetch`, the body read as text, SSE
// parsed with eventsource-parser into events and comments in arrival order, and each inbound
// protocol's reading of them (text, finish, keep-alive, error event, success terminal).
import { createParser } from 'eventsource-parser';
import { expect } from 'vitest';
import type { ProtocolId } from '../../src/protocols/protocol-id.ts';
import { GATEWAY_KEY } from './gateway.ts';

/** One request in the inbound protocol's own shape, with its usual auth header. */
export function clientRequest(inbound: ProtocolId, model: string, stream: boolean, signal?: AbortSignal): { path: string; init: RequestInit } {
  const post = (path: string, headers: Record<string, string>, body: unknown) => ({
    path,
    init: { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), ...(signal ? { signal } : {}) },
  });
  const bearer = { authorization: `Bearer ${GATEWAY_KEY}` };
  switch (inbound) {
    case 'openai-chat-completions':
      return post('/v1/chat/completions', bearer, { model, messages: [{ role: 'user', content: 'hi' }], ...(stream ? { stream: true } : {}) });
    case 'openai-responses':
      return post('/openai/v1/responses', bearer, { model, input: 'hi', ...(stream ? { stream: true } : {}) });
    case 'claude':
      return post('/claude/v1/messages', { 'x-api-key': GATEWAY_KEY, 'anthropic-version': '2023-06-01' }, { model, max_tokens: 64, messages: [{ role: 'user', content: 'hi' }], ...(stream ? { stream: true } : {}) });
    case 'gemini':
      return post(
        `/gemini/v1beta/models/${model}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
        { 'x-goog-api-key': GATEWAY_KEY },
        { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] },
      );
  }
}

export function send(gateway: string, inbound: ProtocolId, model: string, stream: boolean, signal?: AbortSignal): Promise<Response> {
  const { path, init } = clientRequest(inbound, model, stream, signal);
  return fetch(`${gateway}${path}`, init);
}

/** The whole body, or what came within `limitMs` (then `ended: false`: the body hung or broke). */
export function readBody(response: Response, limitMs = 5_000): Promise<{ text: string; ended: boolean }> {
  return readRest(response.body!.getReader(), limitMs);
}

/** The rest of a body being read (after `seen`), within `limitMs`. */
export async function readRest(reader: ReadableStreamDefaultReader<Uint8Array>, limitMs = 5_000, seen = ''): Promise<{ text: string; ended: boolean }> {
  const decoder = new TextDecoder();
  let text = seen;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), limitMs)));
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), timeout]);
      if (next === 'timeout') {
        await reader.cancel().catch(() => {});
        return { text, ended: false };
      }
      if (next.done) return { text: text + decoder.decode(), ended: true };
      text += decoder.decode(next.value, { stream: true });
    }
  } catch (error) {
    // The connection broke instead of ending: the body did not end cleanly.
    return { text: `${text}\n[read failed: ${error instanceof Error ? error.message : String(error)}]`, ended: false };
  } finally {
    clearTimeout(timer);
  }
}

/** Reads until `text` has arrived (or the body ends); returns everything read so far. */
/** Reads until `text` has been seen (or the stream ends); `seen` continues an earlier read. */
export async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, text: string, seen = ''): Promise<string> {
  const decoder = new TextDecoder();
  while (!seen.includes(text)) {
    const { done, value } = await reader.read();
    if (done) break;
    seen += decoder.decode(value, { stream: true });
  }
  return seen;
}

export type SseItem = { kind: 'event'; event: string | undefined; data: string; json: any } | { kind: 'comment'; text: string };

/** Events and comments in arrival order; `json` is the parsed data (undefined when it is not JSON). */
export function parseSseItems(text: string): SseItem[] {
  const items: SseItem[] = [];
  const parser = createParser({
    onEvent: ({ event, data }) => {
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        json = undefined;
      }
      items.push({ kind: 'event', event, data, json });
    },
    onComment: (comment) => items.push({ kind: 'comment', text: comment }),
  });
  parser.feed(text);
  return items;
}

export function isKeepAlive(inbound: ProtocolId, item: SseItem): boolean {
  return inbound === 'claude' ? item.kind === 'event' && item.event === 'ping' : item.kind === 'comment';
}

/** The inbound protocol's error event: Chat/Gemini `{"error":…}`, Claude `event: error`, Responses `error` / `response.failed`. */
export function isErrorEvent(inbound: ProtocolId, item: SseItem | undefined): boolean {
  if (item?.kind !== 'event' || !item.json) return false;
  switch (inbound) {
    case 'openai-chat-completions':
    case 'gemini':
      return typeof item.json.error === 'object' && item.json.error !== null;
    case 'claude':
      return item.event === 'error' && item.json.type === 'error';
    case 'openai-responses':
      return (item.event === 'error' && typeof item.json.message === 'string') || item.event === 'response.failed';
  }
}

/** A stream end that looks like success: Chat `[DONE]`, Claude `message_stop`, Responses `response.completed`, Gemini a `finishReason`. */
export function isSuccessTerminal(inbound: ProtocolId, item: SseItem): boolean {
  if (item.kind !== 'event') return false;
  switch (inbound) {
    case 'openai-chat-completions':
      return item.data === '[DONE]';
    case 'claude':
      return item.event === 'message_stop';
    case 'openai-responses':
      return item.event === 'response.completed';
    case 'gemini':
      return (item.json?.candidates ?? []).some((c: { finishReason?: unknown }) => c.finishReason !== undefined);
  }
}

/** The answer text and finish as the inbound protocol's client reads them from its events. */
export function streamedAnswer(inbound: ProtocolId, items: SseItem[]): { text: string; finish: unknown } {
  let text = '';
  let finish: unknown;
  for (const item of items) {
    if (item.kind !== 'event' || !item.json) continue;
    const j = item.json;
    switch (inbound) {
      case 'openai-chat-completions':
        text += j.choices?.[0]?.delta?.content ?? '';
        finish = j.choices?.[0]?.finish_reason ?? finish;
        break;
      case 'openai-responses':
        if (j.type === 'response.output_text.delta') text += j.delta;
        if (j.type === 'response.completed' || j.type === 'response.incomplete') finish = j.response.status;
        break;
      case 'claude':
        if (j.type === 'content_block_delta' && j.delta?.type === 'text_delta') text += j.delta.text;
        if (j.type === 'message_delta') finish = j.delta?.stop_reason;
        break;
      case 'gemini':
        for (const part of j.candidates?.[0]?.content?.parts ?? []) if (!part.thought) text += part.text ?? '';
        finish = j.candidates?.[0]?.finishReason ?? finish;
        break;
    }
  }
  return { text, finish };
}

/** What each family's error looks like for an HTTP status (the tables in src/errors/status-tables.ts). */
const BY_STATUS: Record<number, { openai: { type: string; code: string | null }; claude: string; gemini: string }> = {
  502: { openai: { type: 'server_error', code: null }, claude: 'api_error', gemini: 'UNAVAILABLE' },
  504: { openai: { type: 'server_error', code: 'timeout' }, claude: 'timeout_error', gemini: 'DEADLINE_EXCEEDED' },
};

/** The inbound protocol's error envelope for `status`, exactly, any message. */
export function envelopeFor(inbound: ProtocolId, status: 502 | 504): unknown {
  const row = BY_STATUS[status]!;
  const message = expect.any(String);
  switch (inbound) {
    case 'openai-chat-completions':
    case 'openai-responses':
      return { error: { message, type: row.openai.type, param: null, code: row.openai.code } };
    case 'claude':
      return { type: 'error', error: { type: row.claude, message } };
    case 'gemini':
      return { error: { code: status, message, status: row.gemini } };
  }
}

/** The message of an error envelope or error event, whatever the protocol. */
export function errorMessage(json: any): string {
  return String(json?.error?.message ?? json?.message ?? json?.response?.error?.message ?? '');
}

/** The status-mapped fields an in-band error event must carry (Responses: only that it is an error). */
export function expectErrorEventFor(inbound: ProtocolId, item: SseItem | undefined, status: 502 | 504): void {
  expect(isErrorEvent(inbound, item), `last item is not a ${inbound} error event: ${JSON.stringify(item)}`).toBe(true);
  const json = (item as { json: any }).json;
  const row = BY_STATUS[status]!;
  switch (inbound) {
    case 'openai-chat-completions':
      expect(json).toEqual({ error: { message: expect.any(String), type: row.openai.type, param: null, code: row.openai.code } });
      break;
    case 'claude':
      expect(json).toEqual({ type: 'error', error: { type: row.claude, message: expect.any(String) } });
      break;
    case 'gemini':
      expect(json).toEqual({ error: { code: status, message: expect.any(String), status: row.gemini } });
      break;
    case 'openai-responses':
      expect(errorMessage(json)).not.toBe('');
      break;
  }
}
