// The Dockerfile without a Docker engine: every file the build stage bundles from is copied
// into it and not hidden by .dockerignore; the runtime stage runs exactly the image's CMD, with
// the image's env, and its HEALTHCHECK command passes against it (and fails once it is gone);
// SIGTERM (what `docker stop` sends) exits 0.
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { beforeAll, expect, it } from 'vitest';
import { BUNDLE_OPTIONS, NODE_MAIN, bundleNode } from '../../build/bundle-node.ts';
import { GATEWAY_KEY } from '../helpers/gateway.ts';
import { contextCopies, envOf, execForm, ignored, instructions, parseDockerfile } from '../helpers/dockerfile.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const stages = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const dockerignore = readFileSync(join(ROOT, '.dockerignore'), 'utf8');
const [buildStage, runtime] = [stages[0]!, stages.at(-1)!];

it('uses node:24-slim, production dependencies only at run time, and a non-root user', () => {
  expect(stages.map((s) => s.from.split(' ')[0])).toEqual(['node:24-slim', 'node:24-slim']);
  expect(instructions(runtime, 'RUN').join('\n')).toContain('npm ci --omit=dev');
  expect(instructions(runtime, 'USER')).toEqual(['node']);
  expect(instructions(runtime, 'COPY')).toContain('--from=build /app/dist-node ./dist-node');
  expect(instructions(buildStage, 'RUN')).toContain('node build/bundle-node.ts');
});

it('every file COPYed from the context exists and is not excluded by .dockerignore', () => {
  const copies = stages.flatMap(contextCopies);
  expect(copies.length).toBeGreaterThan(0);
  for (const source of copies) {
    expect(existsSync(join(ROOT, source)), source).toBe(true);
    expect(ignored(dockerignore, source), source).toBe(false);
  }
  // The excluder really excludes: what must stay out of the context does.
  for (const path of ['node_modules/undici/index.js', '.git/HEAD', 'data/any-api.sqlite', 'dist-node/main.mjs']) expect(ignored(dockerignore, path), path).toBe(true);
});

it('the bundle reads only files the build stage copies (plus node_modules)', async () => {
  const result = await build({ ...BUNDLE_OPTIONS, entryPoints: [join(ROOT, 'src/runtime/node/main.ts')], outfile: join(ROOT, 'dist-node', 'probe.mjs'), write: false, metafile: true, absWorkingDir: ROOT });
  const copied = contextCopies(buildStage).map((p) => p.replace(/^\.\//, '').replace(/\/$/, ''));
  const inputs = Object.keys(result.metafile.inputs).map((p) => relative(ROOT, join(ROOT, p))).filter((p) => !p.includes('node_modules/'));
  expect(inputs.length).toBeGreaterThan(10);
  for (const input of inputs) expect(copied.some((c) => input === c || input.startsWith(`${c}/`)), input).toBe(true);
});

beforeAll(async () => {
  await bundleNode(join(ROOT, 'src/runtime/node/main.ts'), NODE_MAIN);
});

it("runs the image's CMD with the image's env; its HEALTHCHECK passes, SIGTERM exits 0", async () => {
  const [command = '', ...args] = execForm(instructions(runtime, 'CMD')[0] ?? '');
  expect(command).toBe('node');
  // The operator's part: a gateway key (HOST=0.0.0.0 refuses to start without one); PORT 0
  // instead of the image's 8787, which another process here may hold.
  const env = { PATH: process.env.PATH ?? '', ...envOf(runtime), WORKER_AUTH_KEY: GATEWAY_KEY, PORT: '0', ANY_API_STORE: ':memory:' };
  expect(envOf(runtime).HOST).toBe('0.0.0.0');
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    await expect.poll(() => stdout, { timeout: 30_000, interval: 100 }).toMatch(/listening on http:\/\/0\.0\.0\.0:\d+/);
    const port = /listening on http:\/\/0\.0\.0\.0:(\d+)/.exec(stdout)?.[1] ?? '';
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);

    const [check = '', ...checkArgs] = execForm(instructions(runtime, 'HEALTHCHECK')[0] ?? '');
    expect(check).toBe('node');
    const healthcheck = () => promisify(execFile)(process.execPath, checkArgs, { env: { ...env, PORT: port } });
    await expect(healthcheck()).resolves.toBeDefined();

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // The check can fail: with the server gone it exits non-zero.
    await expect(healthcheck()).rejects.toMatchObject({ code: 1 });
  } finally {
    child.kill('SIGKILL');
  }
});
