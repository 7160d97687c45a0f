// OpenAI Responses (`POST /v1/responses`) ⇔ hub: the five conversions the gateway needs when a
// Responses client talks to another protocol's upstream, or a Responses upstream serves another
// protocol's client. Same-protocol traffic is passed through and never comes here.
import type { ProtocolCodec } from '../codec.ts';
import { decodeError } from './decode-error.ts';
import { decodeRequest } from './decode-request.ts';
import { decodeResponse } from './decode-response.ts';
import { encodeRequest } from './encode-request.ts';
import { encodeResponse } from './encode-response.ts';

export const openaiResponsesCodec: ProtocolCodec = {
  decodeRequest,
  encodeRequest,
  decodeResponse,
  encodeResponse,
  decodeError,
};
