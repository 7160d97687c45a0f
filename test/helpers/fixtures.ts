// Reads test/fixtures/<protocol>/<case>.* : request/response bodies, raw SSE, and the
// optional `<case>.meta.json` with status and headers.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ProtocolId } from '../../src/protocols/protocol-id.ts';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

export function fixtureFiles(protocol: ProtocolId, pattern: RegExp): string[] {
  return readdirSync(join(FIXTURES, protocol)).filter((f) => pattern.test(f)).sort();
}

export function readFixture(protocol: ProtocolId, file: string): string {
  return readFileSync(join(FIXTURES, protocol, file), 'utf8');
}

export function readFixtureJson<T = Record<string, unknown>>(protocol: ProtocolId, file: string): T {
  return JSON.parse(readFixture(protocol, file)) as T;
}

export interface UpstreamReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Whether `<case>` exists as a fixture of this protocol (any of its files). */
export function hasFixture(protocol: ProtocolId, name: string): boolean {
  return ['response.json', 'response.sse'].some((ext) => existsSync(join(FIXTURES, protocol, `${name}.${ext}`)));
}

/** What a real upstream answers for `<case>`: the .sse body if there is one, else the .json one. */
export function upstreamReply(protocol: ProtocolId, name: string): UpstreamReply {
  const metaFile = join(FIXTURES, protocol, `${name}.meta.json`);
  const meta = existsSync(metaFile)
    ? (JSON.parse(readFileSync(metaFile, 'utf8')) as { status?: number; headers?: Record<string, string> })
    : {};
  const sse = existsSync(join(FIXTURES, protocol, `${name}.response.sse`));
  return {
    status: meta.status ?? 200,
    headers: { 'content-type': sse ? 'text/event-stream' : 'application/json', ...meta.headers },
    body: readFixture(protocol, `${name}.response.${sse ? 'sse' : 'json'}`),
  };
}

/** SSE `data:` payloads of a raw stream, parsed (Chat's `[DONE]` skipped). */
export function sseData(raw: string): unknown[] {
  return raw
    .split(/\r?\n\r?\n/)
    .flatMap((frame) => frame.split(/\r?\n/).filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()))
    .filter((d) => d !== '' && d !== '[DONE]')
    .map((d) => JSON.parse(d) as unknown);
}
