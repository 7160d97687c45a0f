import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../src/errors/gateway-error.ts';
import { upstreamReply } from '../../helpers/fixtures.ts';
import { codec } from './fixtures.ts';

function decodeFixture(name: string): GatewayError {
  const reply = upstreamReply('openai-responses', name);
  return codec.decodeError(reply.status, JSON.parse(reply.body), new Headers(reply.headers));
}

describe('decodeError', () => {
  it('400: message, param and code kept', () => {
    const error = decodeFixture('error-400');
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ status: 400, param: 'input[0].content[0]', code: 'invalid_value', message: expect.stringContaining("Invalid value: 'input_txt'") });
  });

  it('429: retry-after kept, code rate_limit_exceeded', () => {
    const error = decodeFixture('error-429');
    expect(error).toMatchObject({ status: 429, code: 'rate_limit_exceeded', param: undefined, headers: { 'retry-after': '7' } });
    expect(error.message).toContain('Please try again in 7s');
  });

  it('500: server_error', () => {
    expect(decodeFixture('error-500')).toMatchObject({ status: 500, code: 'server_error', message: expect.stringContaining('An error occurred') });
  });

  it('non-JSON or empty bodies still give a useful message', () => {
    expect(codec.decodeError(502, '<html>Bad gateway</html>', new Headers()).message).toBe('<html>Bad gateway</html>');
    expect(codec.decodeError(503, undefined, new Headers()).message).toBe('The upstream answered HTTP 503.');
  });

  it('400 model_not_found: code and param kept', () => {
    expect(decodeFixture('error-400-model-not-found')).toMatchObject({ status: 400, code: 'model_not_found', param: 'model', message: expect.stringContaining("'test-model-nonexistent' does not exist") });
  });
});
