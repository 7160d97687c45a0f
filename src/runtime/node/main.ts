// `npm start`: the gateway on Node. Env: PORT (8787; 0 picks a free port), HOST (127.0.0.1),
// ANY_API_CONFIG, WORKER_AUTH_KEY / WORKER_AUTH_KEYS, MAX_BODY_BYTES, ANY_API_CRASH_GUARD
// (`off`: no process-level error handlers, for tests). Without ANY_API_CONFIG it serves the
// embedded default (an in-process mock provider). A fallback or alias naming no configured
// model is a warning line on stderr at start. It refuses to serve a non-loopback
// interface without a gateway key. SIGTERM/SIGINT stop accepting connections and let
// in-flight requests finish; a second signal exits at once.
import type { AddressInfo } from 'node:net';
import type { GatewayEnv } from '../../app.ts';
import { ConfigError } from '../../config/config-error.ts';
import { loadConfig } from '../../config/load-config.ts';
import { isLoopbackHost } from './is-loopback-host.ts';
import { installProcessGuard } from './process-guard.ts';
import { serve } from './serve.ts';
import { idleMemoryRelease } from './idle-memory.ts';
import { createNodeApp } from './node-app.ts';

const env = process.env as GatewayEnv;
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 8787);
const hasKeys = Boolean(process.env.WORKER_AUTH_KEY?.trim() || process.env.WORKER_AUTH_KEYS?.trim());

if (!hasKeys && !isLoopbackHost(host)) {
  console.error(`any-api: refusing to serve ${host} without WORKER_AUTH_KEY or WORKER_AUTH_KEYS; set one, or bind to 127.0.0.1.`);
  process.exit(1);
}

let models: string[];
try {
  const config = loadConfig(env.ANY_API_CONFIG, (line) => console.warn(line));
  models = Object.entries(config.providers).flatMap(([p, provider]) => Object.keys(provider.models).map((m) => `${p}.${m} (${provider.type})`));
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}

const gateway = createNodeApp({ allowUnauthenticated: !hasKeys });
const memory = idleMemoryRelease();
const server = serve(gateway.app, env, memory);

let stopping = false;
function shutdown(code: number): void {
  if (stopping) {
    process.exit(code);
  }
  stopping = true;
  console.log('any-api: stopping: no new connections; waiting for in-flight requests to finish');
  // close() stops accepting and closes the keep-alive connections idle now; a connection
  // busy with a request is closed once it falls idle (checked until the server has closed).
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  server.close(() => {
    clearInterval(sweep);
    memory.stop();
    void gateway.close().finally(() => {
      console.log('any-api: stopped');
      process.exit(code);
    });
  });
}

if (process.env.ANY_API_CRASH_GUARD !== 'off') installProcessGuard(shutdown);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => shutdown(0));

server.listen(port, host, () => {
  const bound = (server.address() as AddressInfo).port;
  const source = env.ANY_API_CONFIG ? 'ANY_API_CONFIG' : 'the embedded default config (no ANY_API_CONFIG set)';
  // One write: a reader of the output (a test, a log collector) never sees half a banner.
  console.log([
    `any-api listening on http://${host}:${bound} with ${source}`,
    `  models: ${models.join(', ')}`,
    hasKeys ? '  auth: gateway key required' : '  auth: none (no WORKER_AUTH_KEY set; loopback only)',
    '  routes: POST /v1/chat/completions, /openai/v1/responses, /claude/v1/messages, /gemini/v1beta/models/{provider.model}:generateContent',
  ].join('\n'));
});
