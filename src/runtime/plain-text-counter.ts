// What both runtimes' o200k tokenizers share: how a client's text is counted.
import type { CountText } from '../hub/estimate-tokens.ts';

/**
 * The client's text counts as text, even where it spells a special token (`<|endoftext|>`): the
 * tokenizer's default refuses those with an exception, which turned a pasted log into a 500.
 */
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

type CountTokens = (text: string, options: typeof PLAIN_TEXT) => number;

/** gpt-tokenizer's `countTokens`, with special-token spellings counted as plain text. */
export function plainTextCounter(countTokens: CountTokens): CountText {
  return (text) => countTokens(text, PLAIN_TEXT);
}
