// The gateway for the bench, in its own process so its CPU time and peak RSS are its own:
// the real Node server (serve + createApp), exactly as `npm start` builds it, on a free
// loopback port. Env: ANY_API_CONFIG, WORKER_AUTH_KEY.
//
// Under bench/main.ts (an IPC channel): sends {type:'ready', port}; answers {type:'stats', id}
// with {type:'stats', id, ...GatewayStats} (after a full GC when asked with `gc: true` and node
// runs with --expose-gc; the event-loop delay histogram restarts after `resetLoop: true`);
// {type:'stop'} closes the server and exits; exits too if the parent goes away. Run by hand:
// prints the port on stdout and, on SIGTERM/SIGINT, a JSON stats line before exiting.
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createApp, type GatewayEnv } from '../src/app.ts';
import { serve } from '../src/runtime/node/serve.ts';
import { idleMemoryRelease } from '../src/runtime/node/idle-memory.ts';
import { nodeKeyDigest } from '../src/runtime/node/key-digest.ts';
import { createNodeUpstream } from '../src/runtime/node/upstream-client.ts';

export interface GatewayStats {
  /** process.cpuUsage(), µs since start. */
  cpu: { user: number; system: number };
  /** process.resourceUsage().maxRSS, KiB. */
  maxRSS: number;
  /** process.memoryUsage.rss() now, bytes. */
  rss: number;
  /** process.memoryUsage() heapUsed, heapTotal, external (C++ objects tied to JS ones, ArrayBuffers included) and arrayBuffers now, bytes. */
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** Event-loop delay since start or the last `resetLoop`, ms (perf_hooks.monitorEventLoopDelay, 10 ms resolution). */
  loopDelay: { p50: number; p99: number; max: number };
}

export type ChildMessage = { type: 'ready'; port: number } | ({ type: 'stats'; id: number } & GatewayStats);
export type ParentMessage = { type: 'stats'; id: number; gc?: boolean; resetLoop?: boolean } | { type: 'stop' };

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();

function stats(): GatewayStats {
  const memory = process.memoryUsage();
  const ms = (ns: number) => ns / 1e6;
  return {
    cpu: process.cpuUsage(),
    maxRSS: process.resourceUsage().maxRSS,
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    heapTotal: memory.heapTotal,
    external: memory.external,
    arrayBuffers: memory.arrayBuffers,
    loopDelay: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) },
  };
}

const env: GatewayEnv = {};
if (process.env.ANY_API_CONFIG !== undefined) env.ANY_API_CONFIG = process.env.ANY_API_CONFIG;
if (process.env.WORKER_AUTH_KEY !== undefined) env.WORKER_AUTH_KEY = process.env.WORKER_AUTH_KEY;

// Wired as main.ts wires it (idle memory release included), so the bench measures `npm start`.
const server = serve(createApp({ upstream: createNodeUpstream().client, keyDigest: nodeKeyDigest }), env, idleMemoryRelease());

let stopping = false;
function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  server.closeAllConnections();
  server.close(() => process.exit(code));
  setTimeout(() => process.exit(code), 2000).unref();
}

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  if (process.send) process.send({ type: 'ready', port } satisfies ChildMessage);
  else console.log(JSON.stringify({ port }));
});

process.on('message', (message: ParentMessage) => {
  if (message.type === 'stats') {
    if (message.gc) (globalThis as { gc?: () => void }).gc?.();
    process.send?.({ type: 'stats', id: message.id, ...stats() } satisfies ChildMessage);
    if (message.resetLoop) loop.reset();
  }
  else if (message.type === 'stop') stop(0);
});
process.on('disconnect', () => stop(0));
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (!process.send) console.log(JSON.stringify(stats()));
    stop(0);
  });
}
