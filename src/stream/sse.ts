// The one SSE writer. `event` names may not contain CR or LF (they would forge frames);
// `data` is split on newlines into several `data:` lines, as the SSE spec reads them back.
export interface SseFrame {
  event?: string;
  data: string;
  /** A comment line (`: text`) instead of an event: keep-alive for clients that ignore comments. */
  comment?: string;
}

const encoder = new TextEncoder();

export function formatSse(frame: SseFrame): string {
  if (frame.comment !== undefined) return `: ${frame.comment.replace(/[\r\n]/g, ' ')}\n\n`;
  if (frame.event !== undefined && /[\r\n]/.test(frame.event)) throw new Error('SSE event name contains a line break');
  // JSON (every protocol's data) has no raw line breaks: one `data:` line, no split.
  const data = frame.data.includes('\n') || frame.data.includes('\r')
    ? frame.data.split(/\r\n|\r|\n/).map((line) => `data: ${line}\n`).join('')
    : `data: ${frame.data}\n`;
  return `${frame.event === undefined ? '' : `event: ${frame.event}\n`}${data}\n`;
}

/** A finite list of frames as a byte stream. */
export function sseStream(frames: readonly SseFrame[]): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const frame = frames[index++];
      if (frame === undefined) controller.close();
      else controller.enqueue(encoder.encode(formatSse(frame)));
    },
  });
}

// `x-accel-buffering: no` keeps nginx-style proxies from holding events back.
export const SSE_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' } as const;
