// The four official SDKs each asking the gateway one plain question, stream or not, returning
// what a routing test looks at: the gateway's HTTP status and headers (so `x-any-api-upstream`
// and `x-any-api-attempts`), the text the SDK read, the error body of a failed answer, and what
// the SDK threw — before the answer (an HTTP error) or while reading the stream (the
// protocol's error event). Status and headers come from the SDK's own `fetch`
// option, so they are read the same way whether the SDK returned or threw. SDK retries are
// off: every upstream request a test counts is the gateway's.
import Anthropic from '@anthropic-ai/sdk';
import { ApiError, GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { expect } from 'vitest';
import { ERROR_FAMILY, type ProtocolId } from '../../src/protocols/protocol-id.ts';
import { GATEWAY_KEY } from './gateway.ts';

export interface Outcome {
  /** The gateway's HTTP status (0: no answer at all). */
  status: number;
  headers: Headers;
  /** The URL path the SDK called (Gemini's carries the model). */
  path: string;
  /** The answer's text: the message, or the stream's text deltas joined. */
  text: string;
  /** The parsed body of a non-2xx answer. */
  errorBody: unknown;
  /** What the SDK threw, if it did; `text` holds what was read before. */
  error: unknown;
}

type Recorded = Pick<Outcome, 'status' | 'headers' | 'path' | 'errorBody'>;

/** A `fetch` that remembers the last answer: status, headers, and the body when it is an error. */
function recordingFetch(): { fetch: typeof fetch; last: () => Recorded } {
  let last: Recorded = { status: 0, headers: new Headers(), path: '', errorBody: undefined };
  return {
    last: () => last,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      const url = input instanceof Request ? input.url : String(input);
      let errorBody: unknown;
      if (!response.ok) {
        const text = await response.clone().text();
        try {
          errorBody = JSON.parse(text);
        } catch {
          errorBody = text;
        }
      }
      last = { status: response.status, headers: response.headers, path: new URL(url).pathname, errorBody };
      return response;
    },
  };
}

async function chat(gateway: string, model: string, stream: boolean, fetch: typeof globalThis.fetch, prompt: string): Promise<string> {
  const client = new OpenAI({ baseURL: `${gateway}/v1`, apiKey: GATEWAY_KEY, maxRetries: 0, fetch });
  const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'user', content: prompt }];
  if (!stream) return (await client.chat.completions.create({ model, messages })).choices[0]?.message.content ?? '';
  let text = '';
  try {
    for await (const chunk of await client.chat.completions.create({ model, messages, stream: true })) text += chunk.choices[0]?.delta?.content ?? '';
  } catch (error) {
    throw new PartialRead(text, error);
  }
  return text;
}

async function responses(gateway: string, model: string, stream: boolean, fetch: typeof globalThis.fetch, prompt: string): Promise<string> {
  const client = new OpenAI({ baseURL: `${gateway}/openai/v1`, apiKey: GATEWAY_KEY, maxRetries: 0, fetch });
  if (!stream) return (await client.responses.create({ model, input: prompt })).output_text;
  let text = '';
  try {
    for await (const event of await client.responses.create({ model, input: prompt, stream: true })) {
      if (event.type === 'response.output_text.delta') text += event.delta;
    }
  } catch (error) {
    throw new PartialRead(text, error);
  }
  return text;
}

async function claude(gateway: string, model: string, stream: boolean, fetch: typeof globalThis.fetch, prompt: string): Promise<string> {
  const client = new Anthropic({ baseURL: `${gateway}/claude`, apiKey: GATEWAY_KEY, maxRetries: 0, fetch });
  const body = { model, max_tokens: 256, messages: [{ role: 'user' as const, content: prompt }] };
  if (!stream) return (await client.messages.create(body)).content.map((b) => (b.type === 'text' ? b.text : '')).join('');
  let text = '';
  try {
    for await (const event of await client.messages.create({ ...body, stream: true })) {
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
    }
  } catch (error) {
    throw new PartialRead(text, error);
  }
  return text;
}

async function gemini(gateway: string, model: string, stream: boolean, fetch: typeof globalThis.fetch, prompt: string): Promise<string> {
  const client = new GoogleGenAI({ apiKey: GATEWAY_KEY, apiVersion: 'v1beta', httpOptions: { baseUrl: `${gateway}/gemini`, retryOptions: { attempts: 1 }, fetch } });
  if (!stream) return (await client.models.generateContent({ model, contents: prompt })).text ?? '';
  let text = '';
  try {
    for await (const chunk of await client.models.generateContentStream({ model, contents: prompt })) text += chunk.text ?? '';
  } catch (error) {
    throw new PartialRead(text, error);
  }
  return text;
}

/** A stream that failed after some text: the text read, and what the SDK threw. */
class PartialRead extends Error {
  readonly text: string;
  readonly thrown: unknown;
  constructor(text: string, thrown: unknown) {
    super('stream failed after output');
    this.text = text;
    this.thrown = thrown;
  }
}

const ASK = { 'openai-chat-completions': chat, 'openai-responses': responses, claude, gemini } satisfies Record<ProtocolId, unknown>;

/**
 * One question through `protocol`'s SDK; never throws — what the SDK threw is in `error`.
 * The prompt is the conversation's first turn, which session affinity keys on: give each case
 * its own, or a chain one case failed over will start at its fallback in the next.
 */
export async function ask(protocol: ProtocolId, gateway: string, model: string, options: { stream: boolean; prompt: string }): Promise<Outcome> {
  const recorder = recordingFetch();
  try {
    const text = await ASK[protocol](gateway, model, options.stream, recorder.fetch, options.prompt);
    return { ...recorder.last(), text, error: undefined };
  } catch (error) {
    if (error instanceof PartialRead) return { ...recorder.last(), text: error.text, error: error.thrown };
    return { ...recorder.last(), text: '', error };
  }
}

/**
 * The error envelope a protocol's clients parse, as a `toMatchObject` pattern around `message`:
 * OpenAI `{error:{message,type}}`, Claude `{type:"error",error:{type,message}}`, Gemini
 * `{error:{code,message,status}}`.
 */
export function errorEnvelope(protocol: ProtocolId, message: unknown): Record<string, unknown> {
  switch (ERROR_FAMILY[protocol]) {
    case 'openai':
      return { error: { message, type: expect.any(String) } };
    case 'claude':
      return { type: 'error', error: { type: expect.any(String), message } };
    case 'gemini':
      return { error: { code: expect.any(Number), message, status: expect.any(String) } };
  }
}

/** Each SDK's own error class, which is what its users catch. */
export const SDK_ERROR: Record<ProtocolId, new (...args: never[]) => Error> = {
  'openai-chat-completions': OpenAI.APIError,
  'openai-responses': OpenAI.APIError,
  claude: Anthropic.APIError,
  gemini: ApiError,
};
