// Upstream Claude error answers → GatewayError: status (529 included), message, retry-after.
import { describe, expect, it } from 'vitest';
import { claudeCodec } from '../../../src/protocols/claude/codec.ts';
import { readFixtureJson } from '../../helpers/fixtures.ts';

describe('claude decodeError', () => {
  it.each([
    ['error-400', 400, /^max_tokens: Field required$/],
    ['error-429', 429, /rate limit of 50 requests per minute/],
    ['error-500', 500, /^Internal server error$/],
    ['error-529', 529, /^Overloaded$/],
  ])('%s keeps status %i, the message and retry-after', (name, status, message) => {
    const meta = readFixtureJson<{ status: number; headers?: Record<string, string> }>('claude', `${name}.meta.json`);
    expect(meta.status).toBe(status);
    const error = claudeCodec.decodeError(meta.status, readFixtureJson('claude', `${name}.response.json`), new Headers(meta.headers));
    expect(error.status).toBe(status);
    expect(error.message).toMatch(message);
    expect(error.headers).toEqual(meta.headers?.['retry-after'] ? { 'retry-after': meta.headers['retry-after'] } : {});
  });

  it.each([
    ['error-404', 404, /^model: test-modle$/],
    ['error-401', 401, /^invalid x-api-key$/],
  ])('%s keeps status %i and the message (a 404 names the unknown model)', (name, status, message) => {
    const meta = readFixtureJson<{ status: number; headers?: Record<string, string> }>('claude', `${name}.meta.json`);
    const error = claudeCodec.decodeError(meta.status, readFixtureJson('claude', `${name}.response.json`), new Headers(meta.headers));
    expect(error).toMatchObject({ status, headers: {} });
    expect(error.message).toMatch(message);
  });

  it('a non-JSON or empty body still gives a useful message', () => {
    expect(claudeCodec.decodeError(502, '<html>Bad gateway</html>', new Headers()).message).toBe('<html>Bad gateway</html>');
    expect(claudeCodec.decodeError(503, undefined, new Headers()).message).toMatch(/HTTP 503/);
  });
});
