// o200k_base (GPT-4o and later) on Workers, kept out of the main module: its ~200,000 ranks
// were 4.2 MB of the 4.9 MB Worker script, which workerd parses at every cold start although
// only count_tokens for an upstream with no counting endpoint ever reads them.
//
// The ranks ship as gpt-tokenizer's own rank file, a Text module of the upload: importing a
// path whose name ends in `.txt` (the query suffix below) makes wrangler upload the file
// beside the script as a module of its own and leave the import to run on the first count
// (wrangler's default module rules: https://developers.cloudflare.com/workers/wrangler/bundling/#including-non-javascript-modules).
// No build step and no wrangler.toml setting is needed, so `wrangler dev`, `wrangler deploy`
// and `npm run build` all split it the same way. Only the small encoder code is bundled.
import type { CountText, TokenizerLoader } from '../../hub/estimate-tokens.ts';
import { plainTextCounter } from '../o200k-plain-text.ts';
import { parseTiktokenRanks } from './tiktoken-ranks.ts';

let loaded: Promise<CountText> | undefined;

async function load(): Promise<CountText> {
  const [ranks, { GptEncoding }] = await Promise.all([
    import('gpt-tokenizer/data/o200k_base.tiktoken?module.txt'),
    import('gpt-tokenizer/GptEncoding'),
  ]);
  const table = parseTiktokenRanks(ranks.default);
  return plainTextCounter(GptEncoding.getEncodingApi('o200k_base', () => table).countTokens);
}

export const workerO200kTokenizer: TokenizerLoader = () => {
  loaded ??= load();
  return loaded;
};
