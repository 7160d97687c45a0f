// Gemini error envelopes → GatewayError with status, message and retry-after.
import { describe, expect, it } from 'vitest';
import { geminiCodec } from '../../../src/protocols/gemini/codec.ts';
import { readFixtureJson } from './gemini-fixtures.ts';

const none = new Headers();

describe('decodeError', () => {
  it('400 INVALID_ARGUMENT keeps status and message', () => {
    const error = geminiCodec.decodeError(400, readFixtureJson('gemini', 'error-400.response.json'), none);
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^Invalid JSON payload received\. Unknown name "temprature"/);
    expect(error.headers).toEqual({});
  });

  it('429 RetryInfo 7s → retry-after 7', () => {
    const error = geminiCodec.decodeError(429, readFixtureJson('gemini', 'error-429.response.json'), none);
    expect(error.status).toBe(429);
    expect(error.headers).toEqual({ 'retry-after': '7' });
  });

  it('500 INTERNAL', () => {
    expect(geminiCodec.decodeError(500, readFixtureJson('gemini', 'error-500.response.json'), none)).toMatchObject({ status: 500, message: 'Internal error encountered.' });
  });

  it('a retry-after header is used when there is no RetryInfo', () => {
    const error = geminiCodec.decodeError(503, { error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } }, new Headers({ 'retry-after': '12' }));
    expect(error).toMatchObject({ status: 503, message: 'The model is overloaded.', headers: { 'retry-after': '12' } });
  });

  it('a body that is not an envelope still gives an error', () => {
    expect(geminiCodec.decodeError(502, '<html>Bad gateway</html>', none)).toMatchObject({ status: 502, message: '<html>Bad gateway</html>' });
    expect(geminiCodec.decodeError(502, null, none).message).toBe('The upstream answered HTTP 502.');
  });
});

describe('decodeError: RetryInfo and array-wrapped envelopes', () => {
  it('RetryInfo 21.3s (no retry-after header) rounds up to retry-after 22', () => {
    const error = geminiCodec.decodeError(429, readFixtureJson('gemini', 'error-429-retry-fraction.response.json'), none);
    expect(error).toMatchObject({ status: 429, message: 'You exceeded your current quota, please check your plan and billing details.', headers: { 'retry-after': '22' } });
  });

  it('an array-wrapped envelope (streaming without alt=sse) is unwrapped', () => {
    const error = geminiCodec.decodeError(400, readFixtureJson<unknown>('gemini', 'error-400-wrapped.array.json'), none);
    expect(error).toMatchObject({ status: 400, message: 'Invalid value at \'generation_config.temperature\' (TYPE_FLOAT), "warm"' });
  });
});
