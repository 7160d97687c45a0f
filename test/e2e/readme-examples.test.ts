// `npm start` with no config serves the embedded default, says so, and every curl example in
// the README works against it. Adding a curl example to the README adds a case here. The first
// suite runs `npm start` itself (build the bundle, then exec node on it), so the path operators
// use is the one tested, down to SIGTERM to npm stopping the server and leaving nothing behind.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const examples = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/```sh\n(curl [\s\S]*?)```/g)].map((m) => m[1]!.trim());

function startGateway(env: Record<string, string>, viaNpm = false): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const cleanEnv = { ...process.env, ANY_API_CONFIG: '', WORKER_AUTH_KEY: '', WORKER_AUTH_KEYS: '', ANY_API_STORE: ':memory:', ...env };
  const child = viaNpm
    ? spawn('npm', ['start', '--silent'], { cwd: root, env: cleanEnv, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(process.execPath, [join(root, 'src/runtime/node/main.ts')], { env: cleanEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { output += d.toString(); });
  return { child, output: () => output, exited: new Promise((resolve) => child.on('exit', resolve)) };
}

describe('npm start on the embedded default config', () => {
  let gateway: ReturnType<typeof startGateway>;
  let port = 0;

  // Start-up can take seconds when the whole suite loads both cores.
  beforeAll(async () => {
    // PORT=0: the gateway binds a free port and prints it (a port picked here could be taken meanwhile).
    gateway = startGateway({ PORT: '0' }, true);
    const bound = () => /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(gateway.output())?.[1];
    for (let i = 0; i < 600 && !bound(); i++) await new Promise((r) => setTimeout(r, 100));
    if (!bound()) throw new Error(`npm start did not start listening:\n${gateway.output()}`);
    port = Number(bound());
  }, 70_000);
  afterAll(async () => {
    gateway.child.kill('SIGTERM');
    expect(await gateway.exited).toBe(0);
    // npm's SIGTERM reached the server itself (the script execs node): nothing is left listening.
    await expect(fetch(`http://127.0.0.1:${port}/v1/models`)).rejects.toThrow();
  });

  it('says what it serves', () => {
    expect(gateway.output()).toContain(`any-api listening on http://127.0.0.1:${port} with the embedded default config`);
    for (const model of ['mock.echo', 'mock-chat.echo', 'mock-responses.echo', 'mock-claude.echo', 'mock-gemini.echo']) expect(gateway.output()).toContain(model);
  });

  it('the README has curl examples against every mock-<type> upstream, from another protocol', () => {
    for (const provider of ['mock-chat', 'mock-responses', 'mock-claude', 'mock-gemini']) {
      expect(examples.some((e) => e.includes(`${provider}.echo`))).toBe(true);
    }
  });

  it('the README has curl examples for all four protocols', () => {
    for (const path of ['/v1/chat/completions', '/openai/v1/responses', '/claude/v1/messages', '/gemini/v1beta/models/']) {
      expect(examples.some((e) => e.includes(path))).toBe(true);
    }
  });

  it.each(examples)('%s', async (example) => {
    const { stdout } = await promisify(execFile)('sh', ['-c', example.replaceAll('localhost:8787', `127.0.0.1:${port}`).replace(/^curl /, 'curl --fail-with-body ')]);
    // A model call echoes; a model list names mock.echo; a dry run shows the upstream request it would send.
    expect(stdout).toMatch(/Echo: |"mock\.echo"|"upstream":\{"method":"POST","url":"http:\/\/mock\.invalid\//);
  });
});

it('refuses to serve a non-loopback interface without a gateway key', async () => {
  const gateway = startGateway({ HOST: '0.0.0.0', PORT: '0' });
  expect(await gateway.exited).toBe(1);
  expect(gateway.output()).toContain('refusing to serve 0.0.0.0 without WORKER_AUTH_KEY');
});

it('refuses to start on an invalid config, naming path and line', async () => {
  const gateway = startGateway({ PORT: '0', ANY_API_CONFIG: '{\n "version": 1,\n "providers": {"x": {"type": "nope", "models": {}}}\n}' });
  expect(await gateway.exited).toBe(1);
  expect(gateway.output()).toContain('/providers/x/type (line 3');
});
