// A Worker under real workerd for a test: `wrangler dev --local` on a temporary config, in its
// own process group so stop() ends workerd with it, with metrics, the cf.json fetch and the
// user's dev registry kept out. Resolves once `ready` answers 200.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const WRANGLER = join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
const READY_TIMEOUT_MS = 90_000;

export interface WranglerDev {
  url: string;
  /** The last 20,000 characters wrangler and workerd printed. */
  output(): string;
  stop(): Promise<void>;
}

export interface WranglerDevOptions {
  name: string;
  /** The Worker entry, absolute. */
  main: string;
  /** TOML appended after name, main and the shipped example's compatibility settings. */
  toml?: string;
  /** A path that answers 200 once the Worker serves, and the headers it needs (a gateway key). */
  readyPath: string;
  readyHeaders?: Record<string, string>;
}

/** The shipped example's runtime settings, so a test runs what `wrangler deploy` would. */
export function exampleCompatibilityLines(): string[] {
  const example = readFileSync(join(ROOT, 'wrangler.toml.example'), 'utf8');
  return example.split('\n').filter((line) => /^compatibility_(date|flags)\s*=/.test(line));
}

/**
 * The shipped example's tables with these headers (e.g. `[[durable_objects.bindings]]`,
 * `[[migrations]]`), header and settings without comments, so a test binds what users copy.
 */
export function exampleTables(...headers: string[]): string[] {
  const example = readFileSync(join(ROOT, 'wrangler.toml.example'), 'utf8');
  const lines: string[] = [];
  let inside = false;
  for (const line of example.split('\n').map((l) => l.trim())) {
    if (line.startsWith('[')) inside = headers.includes(line);
    if (inside && line !== '' && !line.startsWith('#')) lines.push(line);
  }
  const missing = headers.filter((header) => !lines.includes(header));
  if (missing.length > 0) throw new Error(`wrangler.toml.example has no ${missing.join(', ')}`);
  return lines;
}

export async function startWranglerDev(options: WranglerDevOptions): Promise<WranglerDev> {
  const tmp = mkdtempSync(join(tmpdir(), 'any-api-workerd-'));
  writeFileSync(join(tmp, 'wrangler.toml'), [
    `name = ${JSON.stringify(options.name)}`,
    `main = ${JSON.stringify(options.main)}`,
    ...exampleCompatibilityLines(),
    options.toml ?? '',
    '',
  ].join('\n'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, [
    WRANGLER, 'dev', '-c', join(tmp, 'wrangler.toml'), '--ip', '127.0.0.1', '--port', String(port), '--local',
    '--persist-to', join(tmp, 'state'), '--show-interactive-dev-session=false', '--log-level', 'info',
  ], {
    cwd: tmp,
    detached: true, // own process group, so stop() ends workerd with it
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      WRANGLER_SEND_METRICS: 'false',
      CLOUDFLARE_CF_FETCH_ENABLED: 'false', // no fetch of workers.cloudflare.com/cf.json
      WRANGLER_LOG_PATH: join(tmp, 'logs'),
      WRANGLER_REGISTRY_PATH: join(tmp, 'registry'), // dev registry per run, not in ~/.config
      NO_COLOR: '1',
    },
  });
  const capture = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-20_000); };
  child.stdout?.on('data', capture);
  child.stderr?.on('data', capture);
  const stop = async () => {
    if (child.pid !== undefined) await stopProcessGroup(child.pid);
    rmSync(tmp, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(child, `${url}${options.readyPath}`, options.readyHeaders ?? {}, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, output: () => output, stop };
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}

async function waitUntilReady(child: ChildProcess, readyUrl: string, headers: Record<string, string>, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    const exit = child.exitCode ?? child.signalCode;
    if (exit !== null) throw new Error(`wrangler dev exited (${exit}):\n${output()}`);
    try {
      const res = await fetch(readyUrl, { headers, signal: AbortSignal.timeout(5_000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status}: ${await res.text()}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev did not answer ${readyUrl} with 200 within ${READY_TIMEOUT_MS} ms (last: ${last}).\nwrangler output:\n${output()}`);
}

/** SIGTERM to wrangler's process group (wrangler and workerd), SIGKILL if still there after 5 s. */
async function stopProcessGroup(pgid: number): Promise<void> {
  const signal = (sig: NodeJS.Signals | 0) => {
    try {
      return process.kill(-pgid, sig);
    } catch {
      return false; // ESRCH: the group is gone
    }
  };
  signal('SIGTERM');
  for (let i = 0; i < 50 && signal(0); i++) await new Promise((r) => setTimeout(r, 100));
  signal('SIGKILL');
}
