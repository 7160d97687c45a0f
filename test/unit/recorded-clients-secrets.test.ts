// The recordings of real CLIs are committed: none may carry a key. The recorder gave each
// CLI a fake key and redacts auth headers; this catches a CLI that puts a key somewhere new
// (a query string, a body field) or a recording made with a real key.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_FIXTURES, clientFixtureFiles, readRecording } from '../helpers/recorded-clients.ts';

/** Key shapes of the four vendors and of the recorder's fake key, and a bearer token that is not the placeholder. */
const SECRET_SHAPES: RegExp[] = [
  /rec-fake-key/,
  /(?<![A-Za-z0-9])sk-(?:ant-|proj-)?[A-Za-z0-9_-]{16,}/,
  /AIza[0-9A-Za-z_-]{30,}/,
  /Bearer (?!\[redacted\])\S+/i,
  /[?&]key=[^&"\s]+/,
];

const AUTH_HEADERS = ['authorization', 'x-api-key', 'x-goog-api-key', 'api-key', 'cookie'];

/** Lines of a recording that match a secret shape (empty when clean). */
function secretLines(text: string): string[] {
  return text.split('\n').flatMap((line, i) => SECRET_SHAPES.filter((re) => re.test(line)).map((re) => `line ${i + 1}: ${re}`));
}

describe.each(clientFixtureFiles())('%s', (file) => {
  it('has no secret-looking value', () => {
    expect(secretLines(readFileSync(join(CLIENT_FIXTURES, file), 'utf8'))).toEqual([]);
  });

  it('has every auth header redacted', () => {
    for (const request of readRecording(file)) {
      for (const name of AUTH_HEADERS) if (name in request.headers) expect(request.headers[name]).toBe('[redacted]');
    }
  });
});

describe('the secret check', () => {
  it('finds the shapes it looks for', () => {
    const leaked = [
      '{"headers":{"x-api-key":"rec-fake-key-0123456789"}}',
      '{"body":{"k":"sk-ant-api03-abcdefghijklmnopqrstuvwxyz"}}',
      '{"headers":{"authorization":"Bearer abc.def"}}',
      '{"path":"/gemini/v1beta/models/m:generateContent?key=AIzaSyA1234567890abcdefghijklmnopqrstuv"}',
    ];
    for (const line of leaked) expect(secretLines(line), line).not.toEqual([]);
    expect(secretLines('{"headers":{"authorization":"[redacted]"},"body":"task-notification sk-specific"}')).toEqual([]);
  });
});
