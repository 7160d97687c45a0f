// Upstream error answers → GatewayError with status, message, param, code and retry-after.
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../src/errors/gateway-error.ts';
import { readFixtureJson } from '../../helpers/fixtures.ts';
import { codec } from './helpers.ts';

const P = 'openai-chat-completions';

function fixtureError(name: string): GatewayError {
  const meta = readFixtureJson<{ status: number; headers?: Record<string, string> }>(P, `${name}.meta.json`);
  return codec.decodeError(meta.status, readFixtureJson(P, `${name}.response.json`), new Headers(meta.headers));
}

describe('decodeError', () => {
  it('400: message, param and code', () => {
    const error = fixtureError('error-400');
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ status: 400, param: 'messages', code: 'empty_array', headers: {} });
    expect(error.message).toMatch(/^Invalid 'messages': empty array/);
  });

  it('429: retry-after is kept (the x-ratelimit-* headers are not)', () => {
    expect(fixtureError('error-429')).toMatchObject({ status: 429, code: 'rate_limit_exceeded', param: undefined, headers: { 'retry-after': '7' } });
  });

  it('500: null param and code become undefined', () => {
    expect(fixtureError('error-500')).toMatchObject({ status: 500, param: undefined, code: undefined, message: 'The server had an error while processing your request. Sorry about that!' });
  });

  it.each([
    ['error-404', 404, 'model_not_found', undefined],
    ['error-400-unsupported-value', 400, 'unsupported_value', 'temperature'],
    ['error-401', 401, 'invalid_api_key', undefined],
  ])('%s: status %i, code %s and param', (name, status, code, param) => {
    expect(fixtureError(name)).toMatchObject({ status, code, param });
  });

  it('a body that is not the OpenAI envelope gets a plain message; retry-after-ms becomes retry-after', () => {
    const error = codec.decodeError(502, '<html>Bad gateway</html>', new Headers({ 'retry-after-ms': '1500' }));
    expect(error).toMatchObject({ status: 502, message: 'The upstream answered HTTP 502', headers: { 'retry-after': '2' } });
    expect(codec.decodeError(503, { error: 'overloaded' }, new Headers()).message).toBe('The upstream answered HTTP 503');
  });

  it('a JSON string body and a numeric code are read', () => {
    expect(codec.decodeError(400, JSON.stringify({ error: { message: 'bad', type: null, param: 'x', code: 20015 } }), new Headers())).toMatchObject({ message: 'bad', param: 'x', code: '20015' });
  });
});
