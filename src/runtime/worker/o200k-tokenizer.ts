// o200k_base (GPT-4o and later) on Workers, kept out of the main module: its ~200,000 ranks
// were 4.2 MB of the 4.9 MB Worker script, which workerd parses at every cold start although
// only count_tokens for an upstream with no counting endpoint ever reads them.
//
// The ranks ship as gpt-tokenizer's own rank file, as a Text module of the upload: wrangler
// uploads an imported `.txt` file beside the script instead of bundling it
// (https://developers.cloudflare.com/workers/wrangler/bundling/#files-which-will-not-be-bundled),
// and a Text module is no script for workerd to parse at cold start: the import, on the first
// count, hands it over as a string. The rank file is
// `.tiktoken`, so the import adds a `?module.txt` query: wrangler matches its rule on the import
// as written and reads the file without the query (as it does for `.wasm?module`). No build
// step and no wrangler.toml setting: `wrangler dev`, `wrangler deploy` and `npm run build` all
// split it the same way. Costs: the rank file is base64 (the upload's gzip total grows by about
// 0.5 MB), and the first count parses it (a few hundred ms of CPU, once per isolate; the
// bundled tables cost as much to evaluate, and were parsed at every cold start besides).
import type { CountText, TokenizerLoader } from '../../hub/estimate-tokens.ts';
import { plainTextCounter } from '../plain-text-counter.ts';
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
