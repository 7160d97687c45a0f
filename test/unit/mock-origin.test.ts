// Which configured baseURLs mean "answer in-process": the mock's origin, however the URL spells
// it, and nothing else. Asked on every request, so the answers are kept; a kept answer must be
// the same answer.
import { describe, expect, it } from 'vitest';
import { isMockBaseUrl } from '../../src/providers/mock/mock-origin.ts';

describe('isMockBaseUrl', () => {
  const cases: Array<[string | undefined, boolean]> = [
    ['http://mock.invalid', true],
    ['http://mock.invalid/v1beta', true],
    ['HTTP://Mock.Invalid:80/v1', true],
    ['http://mock.invalid:8080', false],
    ['https://mock.invalid', false],
    ['https://api.anthropic.com', false],
    ['http://mock.invalid.example.com', false],
    ['not a url', false],
    [undefined, false],
  ];

  it.each(cases)('%s → %s, asked once or again', (baseURL, expected) => {
    expect(isMockBaseUrl(baseURL)).toBe(expected);
    expect(isMockBaseUrl(baseURL)).toBe(expected);
  });

  it('still answers right after more baseURLs than it keeps', () => {
    for (let i = 0; i < 600; i++) expect(isMockBaseUrl(`http://upstream-${i}.example.com`)).toBe(false);
    expect(isMockBaseUrl('http://mock.invalid/x')).toBe(true);
    expect(isMockBaseUrl('http://upstream-1.example.com')).toBe(false);
  });
});
