// Parent side of bench/gateway-process.ts (or any script speaking the same protocol,
// bench/child-ipc.ts: bench/floor-proxy.ts, an older checkout's gateway-process.ts): spawn it,
// wait for its port, ask for its CPU and peak RSS over IPC, stop it (and kill it if it will not stop).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { bundleNode } from '../build/bundle-node.ts';
import type { ChildMessage, GatewayStats, ParentMessage } from './child-ipc.ts';

export interface GatewayChild {
  url: string;
  pid: number;
  /** `gc`: a full GC in the gateway first (when it runs with --expose-gc); `resetLoop`: restart its event-loop delay histogram after reading it. */
  stats(options?: { gc?: boolean; resetLoop?: boolean }): Promise<GatewayStats>;
  stop(): Promise<void>;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export interface ChildOptions {
  /** The script to run (default: this checkout's bench/gateway-process.ts). */
  script?: string;
  /** What the process is called in errors (default: `gateway`). */
  label?: string;
  /** A file descriptor for the process's stderr (default: this process's stderr). */
  stderr?: number;
}

const bundles = new Map<string, Promise<string>>();

/**
 * `script` as `npm start` runs the gateway: bundled into plain JavaScript (build/bundle-node.ts),
 * not type-stripped at start-up, which alone costs ~38 MiB of RSS. Built once per script and
 * bench run, into the `dist-node/` of the script's own checkout, where its node_modules resolve.
 */
function bundled(script: string): Promise<string> {
  let out = bundles.get(script);
  if (!out) {
    const outfile = join(dirname(script), '..', 'dist-node', basename(script).replace(/\.ts$/, '.mjs'));
    bundles.set(script, (out = bundleNode(script, outfile).then(() => outfile)));
  }
  return out;
}

/**
 * The node flags `npm start` passes (its V8 heap settings), read from the `start` script of the
 * script's own checkout: the bench runs the gateway as operators do, and an older checkout
 * (BENCH_BASELINE_DIR) as its own `npm start` did. None when the script has no package.json.
 */
export function npmStartNodeFlags(script: string): string[] {
  let start: unknown;
  try {
    start = (JSON.parse(readFileSync(join(dirname(script), '..', 'package.json'), 'utf8')) as { scripts?: Record<string, unknown> }).scripts?.start;
  } catch {
    return [];
  }
  // The last `node …` command of the script: its flags are the `--` words before the entry file.
  const command = typeof start === 'string' ? start.split('&&').at(-1)?.trim() ?? '' : '';
  // `exec node …`: the shell gives way to node, so npm's SIGTERM reaches the gateway itself.
  const words = command.replace(/^exec\s+/, '').split(/\s+/);
  if (words[0] !== 'node') return [];
  const flags: string[] = [];
  for (const word of words.slice(1)) {
    if (!word.startsWith('--')) break;
    flags.push(word);
  }
  return flags;
}

/** @param nodeArgs extra node flags for the gateway process (e.g. `--cpu-prof`). */
export async function startGatewayChild(env: Record<string, string>, nodeArgs: string[] = [], childOptions: ChildOptions = {}): Promise<GatewayChild> {
  const label = childOptions.label ?? 'gateway';
  const source = childOptions.script ?? join(import.meta.dirname, 'gateway-process.ts');
  const script = await bundled(source);
  const child = spawn(process.execPath, [...npmStartNodeFlags(source), ...nodeArgs, script], {
    // stdout is the gateway's request log (one line per request): written, so its cost is
    // measured, but not shown (thousands of lines would bury the bench's own output).
    stdio: ['ignore', 'ignore', childOptions.stderr ?? 'inherit', 'ipc'],
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  const pending = new Map<number, (stats: GatewayStats) => void>();
  let nextId = 0;
  const ready = new Promise<number>((resolve, reject) => {
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') resolve(message.port);
      else if (message.type === 'stats') {
        const { cpu, maxRSS, rss, heapUsed, heapTotal, external, arrayBuffers, loopDelay } = message;
        pending.get(message.id)?.({ cpu, maxRSS, rss, heapUsed, heapTotal, external, arrayBuffers, loopDelay });
        pending.delete(message.id);
      }
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`${label} process exited early (code ${code}, signal ${signal})`)));
  });
  let port: number;
  try {
    port = await withTimeout(ready, 15_000, `starting the ${label} process`);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }

  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? -1,
    stats(options = {}) {
      if (!child.connected) return Promise.reject(new Error(`${label} process is gone`));
      const id = nextId++;
      const answer = new Promise<GatewayStats>((resolve) => pending.set(id, resolve));
      child.send({ type: 'stats', id, ...(options.gc ? { gc: true } : {}), ...(options.resetLoop ? { resetLoop: true } : {}) } satisfies ParentMessage);
      return withTimeout(answer, 5_000, `asking the ${label} for its stats`);
    },
    async stop() {
      if (child.connected) child.send({ type: 'stop' });
      try {
        await withTimeout(exited(child), 3_000, `stopping the ${label} process`);
      } catch {
        child.kill('SIGKILL');
        await exited(child);
      }
    },
  };
}
