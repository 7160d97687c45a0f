// A finished Response whose output is one compaction item, as the Responses stream a client
// asked for (`stream: true` with a `compaction_trigger`): the same events, in the same order,
// as every Responses stream — created, in_progress, the item added and done, completed
// (https://platform.openai.com/docs/api-reference/responses-streaming). The item is whole
// before the first byte is sent, so there is nothing to stream in parts.
import type { AnswerStream } from '../http/exchange.ts';
import type { JsonObject } from '../protocols/read-json.ts';
import { formatSse } from '../stream/sse.ts';

export function compactionEvents(response: JsonObject): string {
  const output = Array.isArray(response.output) ? response.output : [];
  const opening = { ...response, status: 'in_progress', completed_at: null, output: [] };
  const events: Array<[string, JsonObject]> = [
    ['response.created', { response: opening }],
    ['response.in_progress', { response: opening }],
    ...output.flatMap((item, index): Array<[string, JsonObject]> => [
      ['response.output_item.added', { output_index: index, item }],
      ['response.output_item.done', { output_index: index, item }],
    ]),
    ['response.completed', { response }],
  ];
  return events.map(([type, data], sequence) => formatSse({ event: type, data: JSON.stringify({ type, sequence_number: sequence, ...data }) })).join('');
}

/** Text already whole, as a one-chunk answer stream. */
export function wholeStream(text: string): AnswerStream {
  let sent = false;
  return {
    next: async () => {
      if (sent) return { done: true, value: undefined };
      sent = true;
      return { done: false, value: text };
    },
    cancel: async () => {},
  };
}
