// The package's `any-api` bin, as `npx any-api` runs it: it resolves from package.json, runs
// the gateway in its own process with the V8 flags `npm start` uses, passes flags through, and
// stops on SIGTERM with exit 0.
import { execFile, spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string>; scripts: Record<string, string> };
const BIN = join(ROOT, pkg.bin['any-api'] ?? 'missing');

it('the bin is executable and carries the same V8 flags as npm start', () => {
  expect(statSync(BIN).mode & 0o111).not.toBe(0);
  const shebang = readFileSync(BIN, 'utf8').split('\n')[0] ?? '';
  const startFlags = (pkg.scripts.start ?? '').match(/--[a-z-]+=\d+/g) ?? [];
  expect(startFlags.length).toBeGreaterThan(0);
  expect(shebang).toMatch(/^#!\/usr\/bin\/env -S node /);
  expect(shebang.match(/--[a-z-]+=\d+/g)).toEqual(startFlags);
});

it('npx any-api --version answers from the package', async () => {
  const { stdout } = await promisify(execFile)('npx', ['--no-install', 'any-api', '--version'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '' } });
  expect(stdout.trim()).toBe(pkg.version);
});

it('serves with --config passed through, and exits 0 on SIGTERM', async () => {
  const child = spawn(BIN, ['--config', join(ROOT, 'test/fixtures/cli/file-only-model.jsonc'), '--port', '0'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ANY_API_STORE: ':memory:' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    await expect.poll(() => stdout, { timeout: 60_000, interval: 100 }).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout)?.[1];
    const models = await fetch(`http://127.0.0.1:${port}/v1/models`);
    expect(JSON.stringify(await models.json())).toContain('filed.from-file');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    child.kill('SIGKILL');
  }
}, 90_000);
