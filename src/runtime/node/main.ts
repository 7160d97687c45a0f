// `npm start` / `any-api`: the gateway on Node. Flags (cli-args.ts): --config, --port, --host,
// --help, --version. Env: PORT (8787; 0 picks a free port), HOST (127.0.0.1), ANY_API_CONFIG
// or ANY_API_CONFIG_FILE (config-source.ts says which wins), WORKER_AUTH_KEY /
// WORKER_AUTH_KEYS, MAX_BODY_BYTES, SHUTDOWN_GRACE_MS (30000), ANY_API_CRASH_GUARD (`off`: no
// process-level error handlers, for tests). Without a config it serves the embedded default
// (an in-process mock provider). The config is validated once here: a problem — and any other
// reason it cannot start (bad flag, bad port, port in use, a provider's key variable unset) —
// is one line on stderr and exit 1. A fallback or alias naming no configured model is a
// warning line. It refuses to serve a non-loopback interface without a gateway key.
// SIGTERM/SIGINT: graceful-shutdown.ts; exit 0.
import type { AddressInfo } from 'node:net';
import type { GatewayEnv } from '../../app.ts';
import { ConfigError } from '../../config/config-error.ts';
import { loadConfig } from '../../config/load-config.ts';
import { startupProblem } from '../../config/startup-problem.ts';
import { parseCliArgs, parsePort, USAGE } from './cli-args.ts';
import { configSource, type ConfigSource } from './config-source.ts';
import { gracefulShutdown, graceMsFrom } from './graceful-shutdown.ts';
import { idleMemoryRelease } from './idle-memory.ts';
import { InFlightRequests } from './in-flight-requests.ts';
import { isLoopbackHost } from './is-loopback-host.ts';
import { createNodeApp } from './node-app.ts';
import { packageVersion } from './package-version.ts';
import { installProcessGuard } from './process-guard.ts';
import { serve } from './serve.ts';
import { StartupError } from './startup-error.ts';

interface Settings {
  host: string;
  port: number;
  hasKeys: boolean;
  graceMs: number;
  config: ConfigSource;
  /** `provider.model (type)` for the banner. */
  models: string[];
}

function fail(message: string): never {
  console.error(`any-api: ${message}`);
  process.exit(1);
}

/** A ConfigError on one line: an operator reads one line per failed start. */
function configErrorLine(error: ConfigError): string {
  return `${error.source} is invalid: ${error.issues.map((i) => `${i.path || '(root)'} (line ${i.line}, column ${i.column}): ${i.message}`).join('; ')}`;
}

function settingsFrom(argv: readonly string[], env: NodeJS.ProcessEnv): Settings {
  const args = parseCliArgs(argv);
  if (args.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (args.version) {
    console.log(packageVersion());
    process.exit(0);
  }
  const host = args.host ?? env.HOST ?? '127.0.0.1';
  const port = args.port !== undefined ? parsePort(args.port, '--port') : parsePort(env.PORT ?? '8787', 'PORT');
  const hasKeys = Boolean(env.WORKER_AUTH_KEY?.trim() || env.WORKER_AUTH_KEYS?.trim());
  if (!hasKeys && !isLoopbackHost(host)) {
    throw new StartupError(`refusing to serve ${host} without WORKER_AUTH_KEY or WORKER_AUTH_KEYS; set one, or bind to 127.0.0.1.`);
  }
  const graceMs = graceMsFrom(env.SHUTDOWN_GRACE_MS);
  const config = configSource(args.config, env);
  const parsed = loadConfig(config.text, (line) => console.warn(line), true, config.name);
  const problem = startupProblem(parsed, (name) => env[name]);
  if (problem) throw new StartupError(`${config.name}: ${problem}`);
  const models = Object.entries(parsed.providers).flatMap(([p, provider]) => Object.keys(provider.models).map((m) => `${p}.${m} (${provider.type})`));
  return { host, port, hasKeys, graceMs, config, models };
}

let settings: Settings;
try {
  settings = settingsFrom(process.argv.slice(2), process.env);
} catch (error) {
  if (error instanceof StartupError) fail(error.message);
  if (error instanceof ConfigError) fail(configErrorLine(error));
  throw error;
}
const { host, port, hasKeys, graceMs, config, models } = settings;

// The config text the app reads per request (a cache hit: it was parsed above).
const env: GatewayEnv = { ...process.env, ANY_API_CONFIG: config.text };
const gateway = createNodeApp({ allowUnauthenticated: !hasKeys });
const memory = idleMemoryRelease();
const inFlight = new InFlightRequests();
const server = serve(gateway.app, env, memory, inFlight);

const shutdown = gracefulShutdown({
  server,
  inFlight,
  graceMs,
  release: async () => {
    memory.stop();
    await gateway.close();
  },
});
if (process.env.ANY_API_CRASH_GUARD !== 'off') installProcessGuard(shutdown);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => shutdown(0));

// Before listening succeeds, a listen error is a start-up failure (one line, exit 1).
server.once('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EADDRINUSE') fail(`port ${port} on ${host} is already in use`);
  if (error.code === 'EACCES') fail(`no permission to listen on ${host}:${port} (ports below 1024 need privileges)`);
  fail(`cannot listen on ${host}:${port}: ${error.code ?? error.message}`);
});
server.listen(port, host, () => {
  const bound = (server.address() as AddressInfo).port;
  // One write: a reader of the output (a test, a log collector) never sees half a banner.
  console.log([
    `any-api listening on http://${host}:${bound} with ${config.name}`,
    `  models: ${models.join(', ')}`,
    hasKeys ? '  auth: gateway key required' : '  auth: none (no WORKER_AUTH_KEY set; loopback only)',
    '  routes: POST /v1/chat/completions, /openai/v1/responses, /claude/v1/messages, /gemini/v1beta/models/{provider.model}:generateContent',
  ].join('\n'));
});
