// Anthropic Claude Messages ⇔ hub: the conversions a request takes when the client and the
// upstream speak different protocols (same-protocol traffic passes through untouched).
import type { ProtocolCodec } from '../codec.ts';
import { decodeError } from './decode-error.ts';
import { decodeRequest } from './decode-request.ts';
import { decodeResponse } from './decode-response.ts';
import { encodeRequest } from './encode-request.ts';
import { encodeResponse } from './encode-response.ts';

export const claudeCodec: ProtocolCodec = {
  decodeRequest,
  encodeRequest,
  decodeResponse,
  encodeResponse,
  decodeError,
};
