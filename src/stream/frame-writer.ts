// How encoder frames become the text a client reads: SSE (the usual), or — for Gemini's
// `:streamGenerateContent` without `?alt=sse` — one JSON array written incrementally: `[`
// before the first element, `,` between elements, `]` at the end. JSON has no comments, so
// a keep-alive there is a newline, which JSON allows between tokens.
import { formatSse, type SseFrame } from './sse.ts';

export interface FrameWriter {
  write(frames: readonly SseFrame[]): string;
  /** Text that closes the body (`]` for a JSON array). */
  close(): string;
}

export function sseWriter(): FrameWriter {
  return {
    write(frames) {
      let text = '';
      for (const frame of frames) text += formatSse(frame);
      return text;
    },
    close: () => '',
  };
}

export function jsonArrayWriter(): FrameWriter {
  let opened = false;
  let elements = 0;
  return {
    write(frames) {
      let text = '';
      if (!opened) {
        opened = true;
        text = '[';
      }
      for (const frame of frames) {
        if (frame.comment !== undefined) text += '\n';
        else text += `${elements++ === 0 ? '' : ',\n'}${frame.data}`;
      }
      return text;
    },
    close() {
      return opened ? ']' : '[]';
    },
  };
}
