// A local input-token estimate for upstreams with no counting endpoint (OpenAI Chat): every
// text the model reads — system prompt, messages, tool calls and results, tool definitions —
// through a real tokenizer (injected), plus fixed costs where text is not what is counted.
import type { HubPart } from './hub-content.ts';
import type { HubRequest } from './hub-request.ts';

/** Per-message framing (role markers), as OpenAI documents for its chat format. */
const PER_MESSAGE = 4;
/** An image at the common 1024×1024 high-detail size costs 765 tokens on OpenAI's models. */
const PER_IMAGE = 765;

/** A text's token count under one tokenizer. */
export type CountText = (text: string) => number;

/**
 * Loads the tokenizer on first use (each runtime its own way: it is megabytes of tables, so
 * neither the Node process nor the Worker's main module should carry it until a count needs it).
 */
export type TokenizerLoader = () => Promise<CountText>;

export function estimateInputTokens(request: HubRequest, countText: CountText): number {
  const parts = (content: readonly HubPart[]) =>
    content.reduce((n, part) => {
      if (part.type === 'text') return n + countText(part.text);
      if (part.type === 'image') return n + PER_IMAGE;
      // Files and audio: roughly one token per 4 bytes of the underlying data when inline.
      const data = part.type === 'audio' ? part.data : part.source.kind === 'base64' ? part.source.data : '';
      return n + Math.ceil((data.length * 3) / 4 / 4);
    }, 0);
  let total = request.system.length > 0 ? PER_MESSAGE + parts(request.system) : 0;
  for (const item of request.items) {
    total += PER_MESSAGE;
    if (item.type === 'message' || item.type === 'instruction') total += parts(item.content);
    else if (item.type === 'tool-call') total += countText(item.name) + countText(item.arguments);
    else if (item.type === 'tool-result') total += parts(item.content);
    else total += countText(item.text ?? '') + countText((item.summary ?? []).join('\n'));
  }
  for (const tool of request.tools) {
    total += countText(JSON.stringify({ name: tool.name, description: tool.description ?? '', parameters: tool.parameters }));
  }
  return total;
}

/**
 * A cheap estimate for where no count can wait (Claude `message_start` before the upstream has
 * said): about 4 characters a token, which lands within a few percent of o200k on code and
 * English and costs nothing (the tokenizer takes ~60 ms on a 200 KB Claude Code request).
 */
export function roughInputTokens(request: HubRequest): number {
  return estimateInputTokens(request, (text) => Math.ceil(text.length / 4));
}
