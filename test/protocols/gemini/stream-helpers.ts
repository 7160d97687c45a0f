// Gemini stream test support: the shared pieces (SSE text → messages, hub-event rules,
// hub events → answer) live in test/helpers/hub-stream.ts; here the accumulator in the shape of
// Gemini's decodeResponse and stable tool-call ids.
import type { HubEvent } from '../../../src/hub/hub-events.ts';
import type { HubRequest } from '../../../src/hub/hub-request.ts';
import type { HubOutput } from '../../../src/hub/hub-response.ts';
import { accumulate as accumulateHub, type HubAnswer } from '../../helpers/hub-stream.ts';

export const REQUEST: HubRequest = { model: 'up.test-model', system: [], items: [], tools: [], stream: true };

/** Hub events → the answer they add up to; thought summaries are the reasoning's text, as decodeResponse reads them. */
export const accumulate = (events: readonly HubEvent[]): HubAnswer => accumulateHub(events, { summaryAs: 'text' });

/** Generated tool-call ids differ run to run: number them in order. */
export function withStableIds(output: readonly HubOutput[]): HubOutput[] {
  let n = 0;
  return output.map((o) => (o.type === 'tool-call' ? { ...o, id: `call_${n++}` } : o));
}
