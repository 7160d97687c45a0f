// Upstream SSE frames for the streaming bench, built in code in the exact shape of
// test/fixtures/claude/stream-text.response.sse and
// test/fixtures/openai-chat-completions/stream-text.response.sse: same ids, field order,
// envelopes and framing, with N text deltas instead of 3. Claude's trailing spaces after the
// JSON and Chat's `obfuscation` padding take the fixtures' values (the deltas cycle through
// theirs), so with the fixtures' three texts the output is the fixture byte for byte —
// `fixtureShapeProblems()` checks exactly that. No randomness, no clock.
import { readFixture } from '../test/helpers/fixtures.ts';

/** The fixtures' exchange: 12 prompt tokens; the text streamed as these three deltas. */
export const FIXTURE_TEXTS = ['Hello', ' from the', ' upstream.'] as const;
const PROMPT_TOKENS = 12;

// Words of ordinary width, a few outside ASCII so multi-byte characters cross chunk borders.
const WORDS = [' the', ' gateway', ' streams', ' naïve', ' text', ' café', ' deltas', ' →', ' quickly', ' and', ' in', ' order', ' ✓', ' with', ' usage'];

/** n delta texts: `Hello`, then words. Deterministic. */
export function deltaTexts(n: number): string[] {
  return Array.from({ length: n }, (_, i) => (i === 0 ? 'Hello' : WORDS[(i * 7) % WORDS.length]!));
}

// ---------------------------------------------------------------------------------------------
// Claude Messages: `event: <type>\ndata: {json}<spaces>\n\n`.

const CLAUDE_PAD = { start: 12, blockStart: 8, deltas: [6, 3, 14], messageDelta: 9, stop: 5 } as const;

const claudeFrame = (event: string, data: unknown, pad = 0) => `event: ${event}\ndata: ${typeof data === 'string' ? data : JSON.stringify(data)}${' '.repeat(pad)}\n\n`;

/** message_start, content_block_start, ping, one content_block_delta per text, content_block_stop, message_delta, message_stop. */
export function claudeFrames(texts: readonly string[], outputTokens = texts.length): string[] {
  const frames = [
    claudeFrame('message_start', {
      type: 'message_start',
      message: {
        model: 'test-model', id: 'msg_01VvAKc8W5vFej5KVc1RzQkK', type: 'message', role: 'assistant', content: [],
        stop_reason: null, stop_sequence: null, stop_details: null,
        usage: {
          input_tokens: PROMPT_TOKENS, cache_creation_input_tokens: 0, cache_read_input_tokens: 0,
          cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
          output_tokens: 1, service_tier: 'standard', inference_geo: 'not_available',
        },
      },
    }, CLAUDE_PAD.start),
    claudeFrame('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }, CLAUDE_PAD.blockStart),
    // Anthropic writes this one with a space after the colon.
    claudeFrame('ping', '{"type": "ping"}'),
  ];
  texts.forEach((text, i) => {
    frames.push(claudeFrame('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }, CLAUDE_PAD.deltas[i % CLAUDE_PAD.deltas.length]));
  });
  frames.push(
    claudeFrame('content_block_stop', { type: 'content_block_stop', index: 0 }),
    claudeFrame('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null, stop_details: null },
      usage: { input_tokens: PROMPT_TOKENS, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: outputTokens },
    }, CLAUDE_PAD.messageDelta),
    claudeFrame('message_stop', { type: 'message_stop' }, CLAUDE_PAD.stop),
  );
  return frames;
}

// ---------------------------------------------------------------------------------------------
// OpenAI Chat Completions: `data: {chunk}\n\n` … `data: [DONE]\n\n`.

/** The fixture's obfuscation values: role chunk, 3 deltas, finish chunk, usage chunk. */
const OBFUSCATION = { role: 'DOe2U6qE1nbpb', deltas: ['RBePVPdBNiiaP0', 'klmCYkhkI', '07qBBsTDD8aG'], finish: 'Mx2', usage: 'AU4Ree7' } as const;
const CHAT_HEAD = { id: 'chatcmpl-EOSFHYPNxldN8s9WpnwKplr347a7t', object: 'chat.completion.chunk', created: 1795392060, model: 'test-model', service_tier: 'default', system_fingerprint: 'fp_7f6c813ebe' };

const chatFrame = (data: unknown) => `data: ${JSON.stringify(data)}\n\n`;
const choice = (delta: Record<string, unknown>, finishReason: string | null) => [{ index: 0, delta, logprobs: null, finish_reason: finishReason }];

/** Role chunk, one content chunk per text, the finish_reason chunk, the usage chunk (when asked for), `[DONE]`. */
export function chatFrames(texts: readonly string[], includeUsage: boolean, outputTokens = texts.length): string[] {
  const frames = [chatFrame({ ...CHAT_HEAD, choices: choice({ role: 'assistant', content: '', refusal: null }, null), usage: null, obfuscation: OBFUSCATION.role })];
  texts.forEach((content, i) => {
    frames.push(chatFrame({ ...CHAT_HEAD, choices: choice({ content }, null), usage: null, obfuscation: OBFUSCATION.deltas[i % OBFUSCATION.deltas.length] }));
  });
  frames.push(chatFrame({ ...CHAT_HEAD, choices: choice({}, 'stop'), usage: null, obfuscation: OBFUSCATION.finish }));
  if (includeUsage) {
    frames.push(chatFrame({
      ...CHAT_HEAD,
      choices: [],
      usage: {
        prompt_tokens: PROMPT_TOKENS, completion_tokens: outputTokens, total_tokens: PROMPT_TOKENS + outputTokens,
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
      },
      obfuscation: OBFUSCATION.usage,
    }));
  }
  frames.push('data: [DONE]\n\n');
  return frames;
}

/** Empty when the generators, fed the fixtures' three texts and 6 output tokens, give the fixtures byte for byte. */
export function fixtureShapeProblems(): string[] {
  const problems: string[] = [];
  const claude = claudeFrames(FIXTURE_TEXTS, 6).join('');
  if (claude !== readFixture('claude', 'stream-text.response.sse')) problems.push('Claude frames differ from test/fixtures/claude/stream-text.response.sse');
  const chat = chatFrames(FIXTURE_TEXTS, true, 6).join('');
  if (chat !== readFixture('openai-chat-completions', 'stream-text.response.sse')) problems.push('Chat frames differ from test/fixtures/openai-chat-completions/stream-text.response.sse');
  return problems;
}
