// Responses stream endings for a relay: `response.completed`, `response.incomplete` and
// `response.failed` end the response; `error` is an error
// (https://platform.openai.com/docs/api-reference/responses-streaming). The gateway's error
// event is the `error` event with the next sequence number.
import type { StreamEnding } from '../stream-ending.ts';
import { isRecord, parseEventObject, type JsonObject } from '../read-json.ts';
import { decodeErrorEvent, decodeFailedResponse, responsesErrorCode } from './stream-error.ts';

const TERMINAL = new Set(['response.completed', 'response.incomplete']);
const PREAMBLE = new Set(['response.created', 'response.in_progress', 'response.queued']);
const TYPE = /^\s*\{\s*"type"\s*:\s*"([a-z_.]+)"/;

export const responsesStreamEnding: StreamEnding = {
  mark(message) {
    const type = message.event ?? TYPE.exec(message.data)?.[1];
    // `response.failed` ends the stream as an error does (often right after one).
    if (type === 'error' || type === 'response.failed') return 'error';
    return type !== undefined && TERMINAL.has(type) ? 'complete' : undefined;
  },
  preamble: (message) => PREAMBLE.has(message.event ?? TYPE.exec(message.data)?.[1] ?? ''),
  failure(message) {
    const event = parseEventObject(message.data) ?? {};
    const failed = isRecord(event.response) && (message.event ?? event.type) === 'response.failed';
    const { status, message: text, code } = failed ? decodeFailedResponse(event.response as JsonObject) : decodeErrorEvent(event);
    return { status, message: text, ...(code === undefined ? {} : { code }) };
  },
  errorFrames: (failure, sequence) => {
    const code = responsesErrorCode({ type: 'error', ...failure });
    return [{ event: 'error', data: JSON.stringify({ type: 'error', sequence_number: sequence, code, message: failure.message, param: null }) }];
  },
};
