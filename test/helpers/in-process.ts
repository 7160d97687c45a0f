// The app called in-process with an injected upstream fetch that records what it was sent:
// dependency injection instead of global mocks.
import { createApp, type App, type GatewayEnv } from '../../src/app.ts';
import type { AnyApiConfig } from '../../src/config/config-types.ts';

export interface SentUpstream {
  url: string;
  headers: Headers;
  body: unknown;
}

export function inProcessApp(answer: (sent: SentUpstream) => Response = () => Response.json({ ok: true })): { app: App; sent: SentUpstream[] } {
  const sent: SentUpstream[] = [];
  const app = createApp({
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
