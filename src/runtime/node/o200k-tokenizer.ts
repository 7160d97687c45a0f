// o200k_base (GPT-4o and later) on Node: gpt-tokenizer's own encoding module, imported on the
// first estimated count (its ~5 MB of tables would otherwise load at start-up; build/bundle-node.ts
// keeps the package external for the same reason).
import type { CountText, TokenizerLoader } from '../../hub/estimate-tokens.ts';
import { plainTextCounter } from '../plain-text-counter.ts';

let loaded: Promise<CountText> | undefined;

export const nodeO200kTokenizer: TokenizerLoader = () => {
  loaded ??= import('gpt-tokenizer/encoding/o200k_base').then((module) => plainTextCounter(module.countTokens));
  return loaded;
};
