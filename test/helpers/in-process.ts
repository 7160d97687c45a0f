// The app called in-process with an injected upstream fetch that records what it was sent:
// dependency injection instead of global mocks.
import { createApp, type App, type GatewayEnv } from '../../src/app.ts';
import { nodeO200kTokenizer } from '../../src/runtime/node/o200k-tokenizer.ts';
import type { AnyApiConfig } from '../../src/config/config-types.ts';

export interface SentUpstream {
  url: string;
  headers: Headers;
  body: unknown;
}

/** The smallest complete answer of the protocol an upstream URL belongs to (the gateway checks 200 answers). */
export function minimalAnswer(sent: SentUpstream): Response {
  const { pathname } = new URL(sent.url);
  if (pathname.endsWith('/chat/completions')) return Response.json({ id: 'c1', object: 'chat.completion', created: 0, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] });
  if (pathname.endsWith('/responses')) return Response.json({ id: 'resp_1', object: 'response', status: 'completed', model: 'm', output: [] });
  if (pathname.endsWith('/messages')) return Response.json({ id: 'msg_1', type: 'message', role: 'assistant', model: 'm', content: [{ type: 'text', text: 'ok' }], stop_reason: 'end_turn' });
  if (pathname.includes(':countTokens')) return Response.json({ totalTokens: 3 });
  if (pathname.endsWith('/count_tokens') || pathname.endsWith('/input_tokens')) return Response.json({ input_tokens: 3 });
  return Response.json({ candidates: [{ content: { role: 'model', parts: [{ text: 'ok' }] }, finishReason: 'STOP' }] });
}

export function inProcessApp(answer: (sent: SentUpstream) => Response = minimalAnswer): { app: App; sent: SentUpstream[] } {
  const sent: SentUpstream[] = [];
  const app = createApp({
    tokenizer: nodeO200kTokenizer,
    fetch: async (request) => {
      const record = { url: request.url, headers: request.headers, body: JSON.parse(await request.text()) as unknown };
      sent.push(record);
      return answer(record);
    },
  });
  return { app, sent };
}

export function envWith(config: AnyApiConfig, extra: GatewayEnv = {}): GatewayEnv {
  return { ANY_API_CONFIG: JSON.stringify(config), WORKER_AUTH_KEY: 'k-main', WORKER_AUTH_KEYS: 'k-second, k-third', ...extra };
}

export const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://gateway.test${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
