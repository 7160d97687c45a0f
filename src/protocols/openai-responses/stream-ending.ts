// Responses stream endings for a relay: `response.completed`, `response.incomplete` and
// `response.failed` end the response; `error` is an error
// (https://platform.openai.com/docs/api-reference/responses-streaming). The gateway's error
// event is the `error` event with the next sequence number.
import type { StreamEnding } from '../stream-ending.ts';
import { responsesErrorCode } from './stream-error.ts';

const TERMINAL = new Set(['response.completed', 'response.incomplete', 'response.failed']);
const TYPE = /^\s*\{\s*"type"\s*:\s*"([a-z_.]+)"/;

export const responsesStreamEnding: StreamEnding = {
  mark(message) {
    const type = message.event ?? TYPE.exec(message.data)?.[1];
    if (type === 'error') return 'error';
    return type !== undefined && TERMINAL.has(type) ? 'complete' : undefined;
  },
  errorFrames: (failure, sequence) => {
    const code = responsesErrorCode({ type: 'error', ...failure });
    return [{ event: 'error', data: JSON.stringify({ type: 'error', sequence_number: sequence, code, message: failure.message, param: null }) }];
  },
};
