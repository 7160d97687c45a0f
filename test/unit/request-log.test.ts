// The request line's format and level switch: LOG_LEVEL below `info` keeps it, `warn` and
// above (and `silent`) drop it; LOG_FORMAT=pretty writes a terminal line instead of JSON;
// the JSON line always has every field (null when unknown) and only usage numbers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requestLog, requestLogFromEnv } from '../../src/observability/request-log.ts';
import type { RequestSummary } from '../../src/observability/request-summary.ts';
import { FIXTURES } from '../helpers/fixtures.ts';

const SUMMARY = JSON.parse(readFileSync(join(FIXTURES, 'observability', 'summary.json'), 'utf8')) as RequestSummary;

function linesFor(level: string | undefined, format?: string): string[] {
  const lines: string[] = [];
  requestLog({ level, format, write: (line) => lines.push(line) }).requestDone(SUMMARY);
  return lines;
}

describe('LOG_LEVEL', () => {
  it.each([undefined, 'info', 'INFO', 'debug', 'unheard-of'])('%s writes the request line', (level) => {
    expect(linesFor(level)).toHaveLength(1);
  });

  it.each(['warn', 'error', 'silent', 'Silent'])('%s suppresses it', (level) => {
    expect(linesFor(level)).toEqual([]);
  });
});

describe('the JSON line', () => {
  it('has every field, usage as numbers only (the upstream raw usage stays out)', () => {
    const line = JSON.parse(linesFor('info')[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'info', msg: 'request', requestId: 'req_fixture_1', attempts: 2, overheadMs: 20, ttfbMs: 410, warnings: 1 });
    expect(line.usage).toEqual({ input: 1200, output: 80, cacheRead: 1000, cacheWrite: 0, reasoning: 12 });
    expect(line.upstreamError).toEqual({ provider: 'anthropic', host: 'api.anthropic.com', status: 529 });
  });

  it('writes null, not nothing, for what is unknown', () => {
    const lines: string[] = [];
    requestLog({ write: (l) => lines.push(l) }).requestDone({ ...SUMMARY, route: undefined, model: undefined, upstream: undefined, upstreamType: undefined, ttfbMs: undefined, usage: undefined, upstreamError: undefined });
    expect(JSON.parse(lines[0]!)).toMatchObject({ route: null, model: null, upstream: null, upstreamType: null, ttfbMs: null, usage: null, upstreamError: null });
  });
});

describe('LOG_FORMAT=pretty', () => {
  it('is one human line with the id, status, target, timings and the upstream failure', () => {
    const [line] = linesFor('info', 'pretty');
    expect(line).not.toMatch(/^\{/);
    expect(line).toContain('req_fixture_1');
    expect(line).toContain(' 200 ');
    expect(line).toContain('upstream=anthropic.claude-sonnet-4-5(claude)');
    expect(line).toContain('overhead=20ms');
    expect(line).toContain('upstream-error=anthropic@api.anthropic.com HTTP 529');
  });

  it('is read from the environment, as the runtimes pass it', () => {
    const { info } = console;
    const lines: string[] = [];
    console.info = (line: string) => void lines.push(line);
    try {
      requestLogFromEnv({ LOG_FORMAT: 'pretty' }).requestDone(SUMMARY);
      requestLogFromEnv({ LOG_LEVEL: 'silent' }).requestDone(SUMMARY);
    } finally {
      console.info = info;
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('INFO req_fixture_1');
  });
});
