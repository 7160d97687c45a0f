// The request side of Chat streaming: a Chat upstream is always asked for stream usage (it sends
// none otherwise, and the hub wants it for every client), and a Chat client's
// stream_options.include_usage becomes hub.streamUsage (the encoder then sends the usage chunk).
import { describe, expect, it } from 'vitest';
import { validators } from '../../../generated/openai-chat-completions/index.ts';
import { decodeRequest, encodeRequest, hubRequest } from './helpers.ts';

const messages = [{ role: 'user', content: 'q' }];
const items = [{ type: 'message' as const, role: 'user' as const, content: [{ type: 'text' as const, text: 'q' }] }];

describe('stream_options', () => {
  it('encodeRequest: stream → stream_options.include_usage true, whatever the client asked', () => {
    for (const streamUsage of [undefined, false, true]) {
      const { body, warnings } = encodeRequest(hubRequest({ items, stream: true, ...(streamUsage === undefined ? {} : { streamUsage }) }));
      expect(body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
      expect(validators.ChatCompletionRequest(body)).toBe(true);
      expect(warnings).toEqual([]);
    }
  });

  it('encodeRequest: no stream → no stream_options (OpenAI rejects it without stream)', () => {
    expect(encodeRequest(hubRequest({ stream: false })).body).not.toHaveProperty('stream_options');
  });

  it.each([
    [{ include_usage: true }, true],
    [{ include_usage: false }, undefined],
    [{ include_obfuscation: false }, undefined],
    [null, undefined],
    [undefined, undefined],
  ])('decodeRequest: stream_options %j → streamUsage %s, no warning', (options, expected) => {
    const { hub, warnings } = decodeRequest({ model: 'm', messages, stream: true, ...(options === undefined ? {} : { stream_options: options }) });
    expect(hub.streamUsage).toBe(expected);
    expect(warnings).toEqual([]);
  });
});
