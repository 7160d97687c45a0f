// Turns a raw request into a fixture line: secrets redacted, and what changes from run to
// run (temp paths, the recorder's port, ids, clocks) replaced by fixed values so a re-run
// shows only what the CLI really changed.
import type { RawRequest } from './recorder.ts';

export const REDACTED = '[redacted]';
/** Where the temp directory appears in fixtures. */
export const PLACEHOLDER_ROOT = '/tmp/any-api-record';
export const PLACEHOLDER_PORT = '8787';

const SECRET_HEADERS = new Set(['authorization', 'x-api-key', 'x-goog-api-key', 'api-key', 'cookie', 'proxy-authorization']);
/** Headers that only describe the connection, or whose length changes with the placeholders. */
const DROPPED_HEADERS = new Set(['content-length', 'connection', 'keep-alive']);

export interface Run {
  /** The real temp directory of this run. */
  root: string;
  port: string;
  /** Where the CLIs were installed (inside `root` unless `--install-dir` was given). */
  install: string;
  /** When the CLIs ran. */
  today: Date;
  /** Fake keys handed to the CLI: never written out. */
  keys: string[];
}

/**
 * Codex fills `client_metadata` and `x-codex-turn-metadata` (JSON in a string) from hash maps,
 * so their key order changes between runs; sorted, a re-run diffs only in content.
 */
function sortedJson(value: unknown): unknown {
  if (typeof value === 'string' && value.startsWith('{')) {
    try {
      return JSON.stringify(sortedJson(JSON.parse(value)));
    } catch {
      return value;
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortedJson((value as Record<string, unknown>)[k])]));
}

function withHashOrderSorted(request: RawRequest): RawRequest {
  const headers = { ...request.headers };
  if (headers['x-codex-turn-metadata']) headers['x-codex-turn-metadata'] = String(sortedJson(headers['x-codex-turn-metadata']));
  const body = request.body;
  if (typeof body !== 'object' || body === null || !('client_metadata' in body)) return { ...request, headers };
  return { ...request, headers, body: { ...body, client_metadata: sortedJson(body.client_metadata) } };
}

export function normalize(raw: RawRequest, run: Run, ids: Map<string, string>): string {
  const request = withHashOrderSorted(raw);
  const headers: Record<string, string> = {};
  for (const name of Object.keys(request.headers).sort()) {
    if (DROPPED_HEADERS.has(name)) continue;
    headers[name] = SECRET_HEADERS.has(name) ? REDACTED : request.headers[name] ?? '';
  }
  // Gemini also accepts its key as `?key=`; none of the CLIs used it, but a recording must not keep one.
  const path = request.path.replace(/([?&]key=)[^&]*/g, `$1${REDACTED}`);
  let line = JSON.stringify({ method: request.method, path, headers, body: request.body });
  for (const key of run.keys) line = line.replaceAll(key, REDACTED);
  // Claude Code also names the project directory by its path with `/` turned into `-`.
  line = line.replaceAll(run.install, `${PLACEHOLDER_ROOT}/npm`).replaceAll(run.root, PLACEHOLDER_ROOT).replaceAll(run.root.replaceAll('/', '-'), PLACEHOLDER_ROOT.replaceAll('/', '-'));
  line = line.replaceAll(`127.0.0.1:${run.port}`, `127.0.0.1:${PLACEHOLDER_PORT}`);
  // Session, thread, device and request ids: the n-th distinct one becomes the n-th fixed one.
  line = line.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, (id) => stableId(ids, id.toLowerCase()));
  line = line.replace(/\b[0-9a-f]{64}\b/g, (id) => stableId(ids, id).replaceAll('-', '').padEnd(64, '0'));
  line = line.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '2026-01-01T00:00:00.000Z');
  // Today's date, as the CLIs write it into their environment prompts; other dates (API
  // versions such as anthropic-version 2023-06-01) are content and stay.
  for (const [today, fixed] of dateForms(run.today)) line = line.replaceAll(today, fixed);
  // opencode's session/message ids (`ses_…`, used as prompt_cache_key and x-session-id).
  line = line.replace(/\b(ses|msg|prt)_[0-9a-f]{12}[0-9A-Za-z]{14}\b/g, (id, prefix: string) => `${prefix}_${stableId(ids, id).slice(-12)}`);
  // Epoch milliseconds (Gemini CLI's call ids `write_file_<ms>_0`, timestamps in metadata).
  line = line.replace(/(?<!\d)1[789]\d{11}(?!\d)/g, '1700000000000');
  // Codex's shell tool output: a random chunk id and the command's run time.
  line = line.replace(/Chunk ID: [0-9a-f]+/g, 'Chunk ID: 000000').replace(/Wall time: [\d.]+ seconds/g, 'Wall time: 0.0000 seconds');
  return line;
}

const FIXED_DAY = new Date(2026, 0, 1);

/** The run's date in each form the CLIs print it, paired with the same form of a fixed day. */
function dateForms(today: Date): Array<[string, string]> {
  const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const isoUtc = (d: Date) => d.toISOString().slice(0, 10);
  const long = (d: Date) => d.toLocaleDateString('en-US', { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
  return [
    [long(today), long(FIXED_DAY)], // Gemini CLI: "Friday, December 4, 2026"
    [today.toDateString(), FIXED_DAY.toDateString()], // opencode: "Fri Dec 04 2026"
    [iso(today), iso(FIXED_DAY)], // Claude Code, Codex: "2026-12-04"
    [isoUtc(today), iso(FIXED_DAY)],
  ];
}

function stableId(ids: Map<string, string>, id: string): string {
  let stable = ids.get(id);
  if (!stable) {
    stable = `00000000-0000-4000-8000-${String(ids.size + 1).padStart(12, '0')}`;
    ids.set(id, stable);
  }
  return stable;
}
