// The child side of the bench's process protocol, shared by bench/gateway-process.ts and
// bench/floor-proxy.ts (node: modules only, so the floor proxy loads nothing of the gateway).
//
// Under a parent with an IPC channel (bench/gateway-child.ts): sends {type:'ready', port} once
// listening; answers {type:'stats', id} with {type:'stats', id, ...GatewayStats} (after a full
// GC when asked with `gc: true` and node runs with --expose-gc; the event-loop delay histogram
// restarts after `resetLoop: true`); {type:'stop'} closes the server and exits; exits too if the
// parent goes away. Run by hand: prints the port on stdout and, on SIGTERM/SIGINT, a JSON stats
// line before exiting.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';

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

/** Listens on a free loopback port and speaks the protocol above until told to stop. */
export function runBenchChild(server: Server): void {
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
}
