// The Worker builds its o200k tokenizer from gpt-tokenizer's `.tiktoken` rank file (a Text module,
// runtime/worker/o200k-tokenizer.ts) instead of the package's JavaScript tables. Both must be the
// same table, or the Worker's estimated counts would differ from Node's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import bpe from 'gpt-tokenizer/bpeRanks/o200k_base';
import { GptEncoding } from 'gpt-tokenizer/GptEncoding';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { expect, it } from 'vitest';
import { parseTiktokenRanks } from '../../src/runtime/worker/tiktoken-ranks.ts';
import { FIXTURES } from '../helpers/fixtures.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const ranks = parseTiktokenRanks(readFileSync(join(ROOT, 'node_modules/gpt-tokenizer/data/o200k_base.tiktoken'), 'utf8'));

it('the rank file parses to exactly the table gpt-tokenizer ships as JavaScript', () => {
  expect(ranks.length).toBe(bpe.length);
  // Compared entry by entry: one failure names the rank instead of printing 200,000 of them.
  const differing = ranks.flatMap((token, rank) => (JSON.stringify(token) === JSON.stringify(bpe[rank]) ? [] : [rank]));
  expect(differing).toEqual([]);
});

it('an encoder built from the parsed ranks counts every fixture text as the package does', () => {
  const fromRanks = GptEncoding.getEncodingApi('o200k_base', () => ranks);
  const plain = { disallowedSpecial: new Set<string>() };
  const texts: string[] = JSON.stringify(JSON.parse(readFileSync(join(FIXTURES, 'tokenizer', 'claude-count-request.json'), 'utf8'))).match(/"(?:[^"\\]|\\.)*"/g) ?? [];
  expect(texts.length).toBeGreaterThan(10);
  for (const quoted of texts) {
    const text = JSON.parse(quoted) as string;
    expect(fromRanks.countTokens(text, plain), text).toBe(countTokens(text, plain));
  }
});
