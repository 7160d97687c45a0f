// `npm run record:clients [name...]`: installs the pinned CLIs from npm into a temp directory,
// runs each headless against the loopback recorder with the task below, and writes what they
// sent to test/fixtures/clients/<name>.jsonl (one request per line, keys redacted).
// `--install-dir <dir>` reuses (or keeps) the npm installs between runs.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CLIENTS, FAKE_KEY, TASK_CONTENT, TASK_FILE, type ClientRun } from './clients.ts';
import { normalize } from './normalize.ts';
import { startRecorder } from './recorder.ts';

const OUT = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'clients');
const RUN_TIMEOUT_MS = 120_000;
const INSTALL_TIMEOUT_MS = 300_000;

interface Outcome {
  exit: number | null;
  timedOut: boolean;
  log: string;
}

/** Runs a command in its own process group, killed whole when the time is up. */
function run(cmd: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let log = '';
    child.stdout.on('data', (d: Buffer) => { log += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { log += d.toString(); });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    }, options.timeoutMs);
    child.on('close', (exit) => {
      clearTimeout(timer);
      resolve({ exit, timedOut, log });
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ exit: null, timedOut, log: `${log}${String(error)}` });
    });
  });
}

/** npm installs each pinned package in its own prefix; install scripts (native binaries) allowed by name. */
async function install(pkg: string, installRoot: string): Promise<string> {
  const prefix = join(installRoot, pkg.replace(/[@/]/g, '_'));
  const name = pkg.slice(0, pkg.lastIndexOf('@'));
  if (!existsSync(join(prefix, 'node_modules', name, 'package.json'))) {
    mkdirSync(prefix, { recursive: true });
    // These packages put their native binary in place from an install script, which npm 11 warns
    // about (and, with strict-allow-scripts, skips) unless allowed by name in the project's .npmrc.
    writeFileSync(join(prefix, '.npmrc'), `allow-scripts=${name}\n`);
    const out = await run('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', pkg], { cwd: prefix, env: process.env, timeoutMs: INSTALL_TIMEOUT_MS });
    if (out.exit !== 0) throw new Error(`npm install ${pkg} failed:\n${out.log.slice(-2000)}`);
  }
  return join(prefix, 'node_modules', '.bin');
}

async function record(client: ClientRun, binDir: string, root: string, install: string): Promise<string> {
  const home = join(root, 'home');
  const work = join(root, 'work');
  rmSync(home, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  mkdirSync(work, { recursive: true });
  const file = join(work, TASK_FILE);
  const recorder = await startRecorder({ path: file, content: TASK_CONTENT });
  try {
    const env: NodeJS.ProcessEnv = {
      // Only what a CLI needs from this machine: its own PATH (with this Node first), a locale.
      PATH: [binDir, dirname(process.execPath), process.env.PATH ?? ''].join(':'),
      LANG: 'C.UTF-8',
      TERM: 'dumb',
      CI: '1',
      NO_COLOR: '1',
      HOME: home,
      USER: 'recorder',
      XDG_CONFIG_HOME: join(home, '.config'),
      XDG_DATA_HOME: join(home, '.local', 'share'),
      XDG_STATE_HOME: join(home, '.local', 'state'),
      XDG_CACHE_HOME: join(home, '.cache'),
      TMPDIR: join(root, 'tmp'),
      ...client.prepare(recorder.url, { home, work }),
    };
    mkdirSync(join(root, 'tmp'), { recursive: true });
    const task = `Create a file ${file} containing ${TASK_CONTENT}`;
    const outcome = await run(join(binDir, client.bin), client.args(task, { home, work }), { cwd: work, env, timeoutMs: RUN_TIMEOUT_MS });
    writeFileSync(join(root, `${client.name}.log`), outcome.log);
    const written = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    const ids = new Map<string, string>();
    const today = new Date();
    const port = new URL(recorder.url).port;
    const lines = recorder.requests.map((r) => normalize(r, { root, port, install, today, keys: [FAKE_KEY] }, ids));
    if (lines.length > 0) {
      mkdirSync(OUT, { recursive: true });
      writeFileSync(join(OUT, `${client.name}.jsonl`), `${lines.join('\n')}\n`);
    }
    const done = outcome.exit === 0 && written?.trim() === TASK_CONTENT;
    const status = done ? 'ok' : outcome.timedOut ? 'timed out' : `failed (exit ${outcome.exit}, file ${written === undefined ? 'missing' : JSON.stringify(written)})`;
    if (!done) console.error(`--- ${client.name} output (tail) ---\n${outcome.log.slice(-1500)}`);
    return `${client.name}: ${status}, ${lines.length} requests recorded`;
  } finally {
    await recorder.close();
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const dirFlag = argv.indexOf('--install-dir');
  const installRoot = dirFlag >= 0 ? argv[dirFlag + 1] : undefined;
  const names = argv.filter((a, i) => i !== dirFlag && i !== dirFlag + 1);
  const chosen = names.length ? CLIENTS.filter((c) => names.includes(c.name)) : CLIENTS;
  // realpath: the CLIs report resolved paths, and the placeholder replaces the resolved one.
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'any-api-record-')));
  if (installRoot) mkdirSync(installRoot, { recursive: true });
  const installDir = installRoot ? realpathSync(installRoot) : join(root, 'npm');
  const summary: string[] = [];
  try {
    for (const client of chosen) {
      try {
        const binDir = await install(client.pkg, installDir);
        summary.push(await record(client, binDir, root, installDir));
      } catch (error) {
        summary.push(`${client.name}: not recorded: ${error instanceof Error ? error.message : String(error)}`);
      }
      console.log(summary.at(-1));
    }
  } finally {
    if (!process.env.RECORD_CLIENTS_KEEP) rmSync(root, { recursive: true, force: true });
    else console.log(`kept ${root}`);
  }
  console.log(`\n${summary.join('\n')}`);
}

await main();
