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
  /** Fake keys handed to the CLI: never written out. */
  keys: string[];
}

export function normalize(request: RawRequest, run: Run, ids: Map<string, string>): string {
  const headers: Record<string, string> = {};
  for (const name of Object.keys(request.headers).sort()) {
    if (DROPPED_HEADERS.has(name)) continue;
    headers[name] = SECRET_HEADERS.has(name) ? REDACTED : request.headers[name] ?? '';
  }
  let line = JSON.stringify({ method: request.method, path: request.path, headers, body: request.body });
  for (const key of run.keys) line = line.replaceAll(key, REDACTED);
  // Claude Code also names the project directory by its path with `/` turned into `-`.
  line = line.replaceAll(run.root, PLACEHOLDER_ROOT).replaceAll(run.root.replaceAll('/', '-'), PLACEHOLDER_ROOT.replaceAll('/', '-'));
  line = line.replaceAll(`127.0.0.1:${run.port}`, `127.0.0.1:${PLACEHOLDER_PORT}`);
  // Session, thread, device and request ids: the n-th distinct one becomes the n-th fixed one.
  line = line.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, (id) => stableId(ids, id.toLowerCase()));
  line = line.replace(/\b[0-9a-f]{64}\b/g, (id) => stableId(ids, id).replaceAll('-', '').padEnd(64, '0'));
  line = line.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '2026-01-01T00:00:00.000Z');
  // Today's date in environment prompts (not the dates inside beta names like `effort-2025-11-24`).
  line = line.replace(/(?<![-\w])20\d\d-[01]\d-[0-3]\d(?![-\w])/g, '2026-01-01');
  // Epoch milliseconds (Gemini CLI's call ids, timestamps in metadata).
  line = line.replace(/\b1[789]\d{11}\b/g, '1700000000000');
  return line;
}

function stableId(ids: Map<string, string>, id: string): string {
  let stable = ids.get(id);
  if (!stable) {
    stable = `00000000-0000-4000-8000-${String(ids.size + 1).padStart(12, '0')}`;
    ids.set(id, stable);
  }
  return stable;
}
