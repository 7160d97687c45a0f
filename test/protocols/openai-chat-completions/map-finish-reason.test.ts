// Every finish-reason row, both directions, and the tool-call context rule.
import { describe, expect, it } from 'vitest';
import type { UnifiedFinishReason } from '../../../src/hub/hub-response.ts';
import { decodeFinishReason, encodeFinishReason } from '../../../src/protocols/openai-chat-completions/map-finish-reason.ts';

describe('Chat finish_reason → hub', () => {
  it.each([
    ['stop', 0, 'stop'],
    ['length', 0, 'length'],
    ['tool_calls', 1, 'tool-calls'],
    ['content_filter', 0, 'content-filter'],
    ['function_call', 1, 'tool-calls'],
    ['insufficient_system_resource', 0, 'other'],
    // Context: a tool stop without calls is a stop; a stop (or unknown) with calls asks for results.
    ['tool_calls', 0, 'stop'],
    ['function_call', 0, 'stop'],
    ['stop', 2, 'tool-calls'],
    ['eos', 1, 'tool-calls'],
    ['length', 1, 'length'],
    ['content_filter', 1, 'content-filter'],
  ] as const)('%s with %i call(s) → %s, raw kept', (raw, calls, unified) => {
    expect(decodeFinishReason(raw, calls)).toEqual({ unified, raw });
  });

  it('a missing finish_reason is other, without raw', () => {
    expect(decodeFinishReason(null, 0)).toEqual({ unified: 'other' });
  });
});

describe('hub → Chat finish_reason', () => {
  it.each([
    ['stop', 0, 'stop', false],
    ['length', 0, 'length', false],
    ['tool-calls', 1, 'tool_calls', false],
    ['content-filter', 0, 'content_filter', false],
    ['error', 0, 'stop', true],
    ['other', 0, 'stop', true],
    ['tool-calls', 0, 'stop', false],
    ['stop', 1, 'tool_calls', false],
    ['other', 1, 'tool_calls', false],
    ['length', 1, 'length', false],
  ] as const)('%s with %i call(s) → %s', (unified: UnifiedFinishReason, calls, chat, warns) => {
    const dropped: string[] = [];
    expect(encodeFinishReason({ unified, raw: 'RAW' }, calls, (field, why) => dropped.push(`${field}: ${why}`))).toBe(chat);
    expect(dropped).toEqual(warns ? [expect.stringContaining('RAW')] : []);
  });
});
