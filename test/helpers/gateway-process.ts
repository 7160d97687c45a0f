// The real gateway as a child process (`node src/runtime/node/main.ts`, as `npm start` runs
// it), on a port the OS picks. ANY_API_CRASH_GUARD=off installs no process-level
// uncaughtException / unhandledRejection handlers, so any bug (a timer enqueueing into a
// closed stream, an unhandled rejection) kills the child, and `alive()` tells.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { AnyApiConfig } from '../../src/config/config-types.ts';
import { GATEWAY_KEY } from './gateway.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const LISTENING = /any-api listening on http:\/\/127\.0\.0\.1:(\d+)/;

export interface GatewayProcess {
  url: string;
  /** The child has not exited. */
  alive(): boolean;
  stderr(): string;
  stdout(): string;
  /** Sends a signal to the process (SIGTERM, SIGINT). */
  kill(signal: NodeJS.Signals): void;
  /** Settles with the exit code once the process has exited. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export interface GatewayProcessOptions {
  startupMs?: number;
  /** ANY_API_STORE: the SQLite file for stored Responses (absolute). Default `:memory:`. */
  storePath?: string;
  /** More environment for the child (LOG_FORMAT, METRICS_PUBLIC, the variables a config's `apiKeyEnv` names, …). */
  env?: Record<string, string>;
}

export async function startGatewayProcess(config: AnyApiConfig, { startupMs = 20_000, storePath = ':memory:', env = {} }: GatewayProcessOptions = {}): Promise<GatewayProcess> {
  const child = spawn(process.execPath, ['src/runtime/node/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      ANY_API_CONFIG: JSON.stringify(config),
      WORKER_AUTH_KEY: GATEWAY_KEY,
      PORT: '0',
      HOST: '127.0.0.1',
      ANY_API_CRASH_GUARD: 'off',
      // Stored Responses in memory unless the test names a file: a test process leaves none behind.
      ANY_API_STORE: storePath,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => { exited = true; resolve(); }));
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`the gateway did not start: ${why}\n--- stdout\n${stdout.slice(0, 400)}\n--- stderr\n${stderr}`));
    };
    const timer = setTimeout(() => fail(`no "any-api listening on" line within ${startupMs} ms`), startupMs);
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      const match = LISTENING.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      const bound = Number(match[1]);
      if (bound > 0) resolve(bound);
      else fail(`it printed port ${bound}, not the port it bound`);
    });
    void exit.then(() => fail(`it exited (code ${child.exitCode}, signal ${child.signalCode})`));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    alive: () => !exited && child.exitCode === null && child.signalCode === null,
    stderr: () => stderr,
    stdout: () => stdout,
    kill: (signal) => child.kill(signal),
    exited: exit.then(() => child.exitCode),
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exit;
      clearTimeout(killer);
    },
  };
}
