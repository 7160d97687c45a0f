import { describe, expect, it } from 'vitest';
import type { UnifiedFinishReason } from '../../../src/hub/hub-response.ts';
import { mapResponsesFinishReason, toResponsesEnding } from '../../../src/protocols/openai-responses/map-finish-reason.ts';

describe('map-finish-reason: Responses → hub', () => {
  const rows: [string, string | undefined, UnifiedFinishReason, string][] = [
    ['completed', undefined, 'stop', 'completed'],
    ['incomplete', 'max_output_tokens', 'length', 'incomplete:max_output_tokens'],
    ['incomplete', 'content_filter', 'content-filter', 'incomplete:content_filter'],
    ['incomplete', undefined, 'other', 'incomplete'],
    ['incomplete', 'something_new', 'other', 'incomplete:something_new'],
    ['failed', undefined, 'error', 'failed'],
    ['cancelled', undefined, 'other', 'cancelled'],
    ['in_progress', undefined, 'other', 'in_progress'],
    ['queued', undefined, 'other', 'queued'],
    ['brand_new_status', undefined, 'other', 'brand_new_status'],
  ];
  for (const [status, reason, unified, raw] of rows) {
    it(`${raw} → ${unified}`, () => expect(mapResponsesFinishReason(status, reason, 0)).toEqual({ unified, raw }));
  }

  it('completed with a tool call → tool-calls; an incomplete one stays length', () => {
    expect(mapResponsesFinishReason('completed', undefined, 2)).toEqual({ unified: 'tool-calls', raw: 'completed' });
    expect(mapResponsesFinishReason('incomplete', 'max_output_tokens', 1).unified).toBe('length');
  });

  it('a missing status counts as completed', () => {
    expect(mapResponsesFinishReason(undefined, undefined, 0)).toEqual({ unified: 'stop', raw: 'completed' });
  });
});

describe('map-finish-reason: hub → Responses', () => {
  const rows: [UnifiedFinishReason, string, string | null][] = [
    ['stop', 'completed', null],
    ['tool-calls', 'completed', null],
    ['length', 'incomplete', 'max_output_tokens'],
    ['content-filter', 'incomplete', 'content_filter'],
    ['error', 'failed', null],
    ['other', 'completed', null],
  ];
  for (const [unified, status, reason] of rows) {
    it(`${unified} → ${status}${reason ? `:${reason}` : ''}`, () => {
      expect(toResponsesEnding({ unified })).toEqual({ status, incomplete_details: reason ? { reason } : null });
    });
  }

  it('every ending that round-trips comes back as itself', () => {
    for (const unified of ['stop', 'length', 'content-filter', 'error'] as const) {
      const ending = toResponsesEnding({ unified });
      expect(mapResponsesFinishReason(ending.status, ending.incomplete_details?.reason, 0).unified).toBe(unified);
    }
  });
});
