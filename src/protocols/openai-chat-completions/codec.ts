// OpenAI Chat Completions ⇔ hub: the five conversions the gateway runs for this protocol.
import type { ProtocolCodec } from '../codec.ts';
import { decodeError } from './decode-error.ts';
import { decodeRequest } from './decode-request.ts';
import { decodeResponse } from './decode-response.ts';
import { encodeRequest } from './encode-request.ts';
import { encodeResponse } from './encode-response.ts';

export const openaiChatCompletionsCodec: ProtocolCodec = {
  decodeRequest,
  encodeRequest,
  decodeResponse,
  encodeResponse,
  decodeError,
};
