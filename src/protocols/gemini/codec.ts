// Google Gemini generateContent ⇔ hub: the five conversions the request handler needs.
import type { ProtocolCodec } from '../codec.ts';
import { decodeError } from './decode-error.ts';
import { decodeRequest } from './decode-request.ts';
import { decodeResponse } from './decode-response.ts';
import { encodeRequest } from './encode-request.ts';
import { encodeResponse } from './encode-response.ts';

export const geminiCodec: ProtocolCodec = { decodeRequest, encodeRequest, decodeResponse, encodeResponse, decodeError };
