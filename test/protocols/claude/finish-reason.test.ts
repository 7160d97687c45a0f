// Every row of both stop-reason tables, and the tool-call invariant that overrides them.
import { describe, expect, it } from 'vitest';
import type { UnifiedFinishReason } from '../../../src/hub/hub-response.ts';
import { Warnings } from '../../../src/hub/warnings.ts';
import {
  CLAUDE_TO_UNIFIED, type ClaudeStopReason, fromClaudeStopReason, toClaudeStopReason,
} from '../../../src/protocols/claude/map-finish-reason.ts';

const FROM_CLAUDE: [ClaudeStopReason, UnifiedFinishReason][] = [
  ['end_turn', 'stop'],
  ['stop_sequence', 'stop'],
  ['max_tokens', 'length'],
  ['tool_use', 'tool-calls'],
  ['pause_turn', 'other'],
  ['refusal', 'content-filter'],
  ['compaction', 'other'],
  ['model_context_window_exceeded', 'length'],
];

const TO_CLAUDE: [UnifiedFinishReason, number, ClaudeStopReason, boolean][] = [
  // unified, tool calls, expected stop_reason, warns
  ['stop', 0, 'end_turn', false],
  ['length', 0, 'max_tokens', false],
  ['tool-calls', 1, 'tool_use', false],
  ['content-filter', 0, 'refusal', false],
  ['error', 0, 'end_turn', true],
  ['other', 0, 'end_turn', true],
];

describe('claude stop reasons', () => {
  it('the table covers every StopReason', () => {
    expect(Object.keys(CLAUDE_TO_UNIFIED).sort()).toEqual(FROM_CLAUDE.map(([raw]) => raw).sort());
  });

  it.each(FROM_CLAUDE)('%s → %s (raw kept)', (raw, unified) => {
    const calls = unified === 'tool-calls' ? 1 : 0;
    expect(fromClaudeStopReason(raw, calls)).toEqual({ unified, raw });
  });

  it.each(TO_CLAUDE)('%s with %i call(s) → %s', (unified, calls, expected, warns) => {
    const warnings = new Warnings();
    expect(toClaudeStopReason({ unified }, undefined, calls, warnings)).toBe(expected);
    expect(warnings.list.length > 0).toBe(warns);
  });

  it('invariant: tool_use with no surviving call is stop; end_turn with a call is tool-calls; length wins', () => {
    expect(fromClaudeStopReason('tool_use', 0)).toEqual({ unified: 'stop', raw: 'tool_use' });
    expect(fromClaudeStopReason('end_turn', 2)).toEqual({ unified: 'tool-calls', raw: 'end_turn' });
    expect(fromClaudeStopReason('max_tokens', 1)).toEqual({ unified: 'length', raw: 'max_tokens' });
    expect(fromClaudeStopReason('something_new', 0)).toEqual({ unified: 'other', raw: 'something_new' });
    expect(fromClaudeStopReason(undefined, 0)).toEqual({ unified: 'other' });
  });

  it('encoding keeps a Claude raw reason of the same meaning, and uses stop_sequence when one matched', () => {
    const warnings = new Warnings();
    expect(toClaudeStopReason({ unified: 'other', raw: 'pause_turn' }, undefined, 0, warnings)).toBe('pause_turn');
    expect(toClaudeStopReason({ unified: 'length', raw: 'model_context_window_exceeded' }, undefined, 0, warnings)).toBe('model_context_window_exceeded');
    expect(toClaudeStopReason({ unified: 'stop', raw: 'STOP' }, 'END', 0, warnings)).toBe('stop_sequence');
    expect(toClaudeStopReason({ unified: 'tool-calls', raw: 'tool_use' }, undefined, 0, warnings)).toBe('end_turn');
    expect(warnings.list).toEqual([]);
  });
});
