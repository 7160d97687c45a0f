// Cloudflare Workers entry: the gateway behind the platform's fetch handler, config and keys
// from bindings (ANY_API_CONFIG is required); stored Responses in the RESPONSES Durable Object
// when it is bound.
import { createApp, type GatewayEnv } from '../app.ts';
import { durableObjectStore } from './worker/durable-object-store.ts';
import type { ResponsesStore } from './worker/responses-store.ts';
import { requestLogFromEnv } from '../observability/request-log.ts';
import type { RequestObserver } from '../observability/request-summary.ts';
import { workerO200kTokenizer } from './worker/o200k-tokenizer.ts';

// wrangler looks for a Durable Object class among the main module's exports.
export { ResponsesStore } from './worker/responses-store.ts';

function isNamespace(value: unknown): value is DurableObjectNamespace<ResponsesStore> {
  return typeof value === 'object' && value !== null && typeof (value as { idFromName?: unknown }).idFromName === 'function';
}

// Request lines go to console.info, which Workers Logs collects (and parses, being JSON) when
// `[observability] enabled = true`; LOG_LEVEL / LOG_FORMAT are read from the first request's vars.
let log: RequestObserver | undefined;

// No upstream client of its own: the Worker calls upstreams with the platform fetch. No
// embedded default config either: a Worker without ANY_API_CONFIG answers 500 saying so.
const app = createApp({
  responseStore: (env) => (isNamespace(env.RESPONSES) ? durableObjectStore(env.RESPONSES) : undefined),
  requireConfig: true,
  observer: (env) => (log ??= requestLogFromEnv(env)),
  tokenizer: workerO200kTokenizer,
});

export default {
  fetch(request: Request, env: GatewayEnv): Promise<Response> {
    return app.fetch(request, env);
  },
};
