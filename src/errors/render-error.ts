// The one place that knows every protocol's error envelope:
//   OpenAI    {"error":{"message","type","param","code"}}
//   Anthropic {"type":"error","error":{"type","message"}}
//   Gemini    {"error":{"code","message","status"}}
import { jsonAnswer, type GatewayAnswer } from '../http/exchange.ts';
import { ERROR_FAMILY, type ErrorFamily, type ProtocolId } from '../protocols/protocol-id.ts';
import { GatewayError } from './gateway-error.ts';
import { ANTHROPIC_ERROR_TYPE, GEMINI_ERROR_STATUS, OPENAI_ERROR_TYPE, byClass } from './status-tables.ts';

/** 529 (Anthropic "overloaded") is not a status other clients know; 503 keeps it retryable for them. */
export function statusFor(family: ErrorFamily, status: number): number {
  return status === 529 && family !== 'claude' ? 503 : status;
}

export function errorBody(family: ErrorFamily, error: GatewayError): unknown {
  const { message } = error;
  const status = statusFor(family, error.status);
  switch (family) {
    case 'openai': {
      const row = byClass(OPENAI_ERROR_TYPE, status);
      return { error: { message, type: row.type, param: error.param ?? null, code: error.code ?? row.code } };
    }
    case 'claude':
      return { type: 'error', error: { type: byClass(ANTHROPIC_ERROR_TYPE, status), message } };
    case 'gemini':
      return { error: { code: status, message, status: byClass(GEMINI_ERROR_STATUS, status) } };
  }
}

/** Anything thrown becomes a GatewayError; unknown failures never leak their message or stack. */
export function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  return new GatewayError(500, 'The gateway failed to handle this request.');
}

export function renderError(protocol: ProtocolId, error: unknown): GatewayAnswer {
  const gatewayError = toGatewayError(error);
  if (!(error instanceof GatewayError)) console.error('any-api: unexpected error', error instanceof Error ? error.stack : error);
  const family = ERROR_FAMILY[protocol];
  return jsonAnswer(errorBody(family, gatewayError), statusFor(family, gatewayError.status), gatewayError.headers);
}
