// The gateway's command line as an operator meets it, on the real process: --config serves
// the file's models, --help and --version answer and exit 0, and every way start-up can fail
// (bad flag, missing value, bad port, port in use, unreadable or invalid config file, no
// providers, an apiKeyEnv variable unset) is exactly one line on stderr and exit 1, no stack.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const fixture = (name: string) => join(ROOT, 'test', 'fixtures', 'cli', name);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

// A case that fails by starting a server after all must not leave it running.
const children = new Set<ChildProcess>();
afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
});

/** Runs main.ts with `args`; `done` settles once it has exited. */
function runGateway(args: string[], env: Record<string, string> = {}): { done: Promise<Run>; output: () => Run; kill: () => void } {
  const child = spawn(process.execPath, [join(ROOT, 'src/runtime/node/main.ts'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ANY_API_STORE: ':memory:', ANY_API_CRASH_GUARD: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  const run: Run = { code: null, stdout: '', stderr: '' };
  child.stdout.on('data', (d: Buffer) => (run.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (run.stderr += d.toString()));
  const done = new Promise<Run>((resolve) => child.on('close', (code) => resolve({ ...run, code })));
  return { done, output: () => run, kill: () => child.kill('SIGTERM') };
}

function expectOneLineFailure(run: Run, says: string | RegExp): void {
  expect(run.code).toBe(1);
  const lines = run.stderr.split('\n').filter((line) => line !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(says);
  expect(run.stderr).not.toContain('    at ');
}

it('--config serves a model that exists only in the file', async () => {
  const gateway = runGateway(['--config', fixture('file-only-model.jsonc'), '--port', '0']);
  try {
    let port: string | undefined;
    for (let i = 0; i < 200 && !port; i++) {
      port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(gateway.output().stdout)?.[1];
      if (!port) await new Promise((r) => setTimeout(r, 100));
    }
    expect(gateway.output().stdout).toContain(`with config file ${fixture('file-only-model.jsonc')}`);
    const response = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'filed.from-file', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(200);
    // 200, not 404: the model exists only in the file.
    expect(JSON.stringify(await response.json())).toContain('Echo: hi');
  } finally {
    gateway.kill();
    expect((await gateway.done).code).toBe(0);
  }
});

it('--help prints the usage and exits 0', async () => {
  const run = await runGateway(['--help']).done;
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^Usage: any-api/);
  for (const flag of ['--config', '--port', '--host', '--version']) expect(run.stdout).toContain(flag);
});

it('--version prints the package version and exits 0', async () => {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const run = await runGateway(['--version']).done;
  expect(run.code).toBe(0);
  expect(run.stdout.trim()).toBe(version);
});

describe('start-up failures: one stderr line, exit 1', () => {
  let busy: Server;
  let busyPort = 0;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    busyPort = (busy.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => busy.close(resolve)));

  const cases: Array<[string, () => string[], Record<string, string>, RegExp]> = [
    ['an unknown flag', () => ['--bogus'], {}, /^any-api: Unknown option '--bogus'/],
    ['a flag without its value', () => ['--port'], {}, /^any-api: Option '--port <value>' argument missing/],
    ['a stray argument', () => ['serve'], {}, /^any-api: Unexpected argument 'serve'/],
    ['a port out of range', () => ['--port', '70000'], {}, /^any-api: --port "70000" is not a port/],
    ['a PORT that is not a number', () => [], { PORT: '80a' }, /^any-api: PORT "80a" is not a port/],
    ['--host off loopback without a gateway key', () => ['--host', '0.0.0.0'], {}, /^any-api: refusing to serve 0\.0\.0\.0 without WORKER_AUTH_KEY/],
    ['a SHUTDOWN_GRACE_MS that is not a number', () => [], { SHUTDOWN_GRACE_MS: '30s' }, /^any-api: SHUTDOWN_GRACE_MS "30s" is not a whole number of milliseconds$/],
    ['a port in use', () => ['--port', String(busyPort)], {}, /^any-api: port \d+ on 127\.0\.0\.1 is already in use$/],
    ['a missing config file', () => ['--config', fixture('missing.jsonc')], {}, /^any-api: cannot read config file .*missing\.jsonc: no such file$/],
    ['a config file with a syntax error', () => ['--config', fixture('bad-syntax.jsonc')], {}, /^any-api: config file .*bad-syntax\.jsonc is invalid: \(root\) \(line 4, column 27\): JSON syntax error/],
    ['ANY_API_CONFIG_FILE with a syntax error', () => [], { ANY_API_CONFIG_FILE: fixture('bad-syntax.jsonc') }, /^any-api: config file .*bad-syntax\.jsonc is invalid: .*line 4/],
    ['both ANY_API_CONFIG_FILE and ANY_API_CONFIG', () => [], { ANY_API_CONFIG_FILE: fixture('file-only-model.jsonc'), ANY_API_CONFIG: '{"version":1}' }, /^any-api: both ANY_API_CONFIG_FILE and ANY_API_CONFIG are set/],
    ['no providers', () => ['--config', fixture('no-providers.jsonc')], {}, /^any-api: config file .*no-providers\.jsonc: the config has no providers/],
    ['an apiKeyEnv variable that is not set', () => ['--config', fixture('unset-key-env.jsonc')], {}, /^any-api: config file .*: Provider "openai" reads its key from ANY_API_TEST_UNSET_KEY, which is not set\.$/],
  ];
  it.each(cases)('%s', async (_name, args, env, says) => {
    expectOneLineFailure(await runGateway(args(), env).done, says);
  });
});
