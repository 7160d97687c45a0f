// A `.tiktoken` rank file (one `<base64 token bytes> <rank>` per line, OpenAI's tiktoken
// format) as the rank table gpt-tokenizer's GptEncoding is built from: index = rank, the token
// as a string where its bytes are valid UTF-8, else as its bytes.

/** A binary string's bytes (atob's answer: one char per byte). */
function bytesOf(binary: string): Uint8Array {
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Where a token is UTF-8 that begins with a byte order mark, gpt-tokenizer's tables keep its bytes. */
const BOM = '\uFEFF';

export function parseTiktokenRanks(text: string): (string | number[])[] {
  // fatal: a token that is not valid UTF-8 throws instead of decoding with U+FFFD, and is then
  // kept as bytes, as gpt-tokenizer's own tables keep it. ignoreBOM: a leading BOM is data.
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const ranks: (string | number[])[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const space = text.indexOf(' ', start);
    if (space > start && space < end) {
      // atob, not Buffer: the same code runs on workerd and Node.
      const binary = atob(text.slice(start, space));
      const rank = Number(text.slice(space + 1, end));
      // Most tokens are ASCII, whose binary string is already the token: no decoding to do.
      if (/^[\x00-\x7f]*$/.test(binary)) ranks[rank] = binary;
      else {
        const bytes = bytesOf(binary);
        try {
          const token = utf8.decode(bytes);
          ranks[rank] = token.startsWith(BOM) ? Array.from(bytes) : token;
        } catch {
          ranks[rank] = Array.from(bytes);
        }
      }
    }
    start = end + 1;
  }
  return ranks;
}
