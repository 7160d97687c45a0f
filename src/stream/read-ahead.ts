// Holds the HTTP status until the upstream has said something real: events are read until the
// first one that is neither `response-start` nor `usage`. If that is an `error`, the caller can
// still answer with a proper HTTP error; otherwise it gets a stream that replays what was read
// and continues with the rest.
import type { HubEvent } from '../hub/hub-events.ts';

export type ReadAhead =
  | { kind: 'error'; error: Extract<HubEvent, { type: 'error' }> }
  | { kind: 'stream'; events: ReadableStream<HubEvent> };

export async function readAhead(source: ReadableStream<HubEvent>): Promise<ReadAhead> {
  const reader = source.getReader();
  const buffered: HubEvent[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (value.type === 'error') {
      await reader.cancel().catch(() => {});
      return { kind: 'error', error: value };
    }
    buffered.push(value);
    if (value.type !== 'response-start' && value.type !== 'usage') break;
  }
  const events = new ReadableStream<HubEvent>({
    start(controller) {
      for (const event of buffered) controller.enqueue(event);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return { kind: 'stream', events };
}
