// CORS: browsers may call the gateway from any origin; the key in the request is what
// protects it, so the preflight answers for every path before auth.
import type { GatewayAnswer, GatewayRequest } from './exchange.ts';

const ALLOW_HEADERS = 'authorization, content-type, x-api-key, x-goog-api-key, anthropic-version, anthropic-beta, anthropic-dangerous-direct-browser-access, openai-organization, openai-project, x-stainless-*';

export function preflight(request: GatewayRequest): GatewayAnswer {
  return {
    status: 204,
    headers: {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
      'access-control-allow-headers': request.headers.get('access-control-request-headers') ?? ALLOW_HEADERS,
      'access-control-max-age': '86400',
    },
    body: null,
  };
}

/** Adds the CORS response headers. */
export function withCors(answer: GatewayAnswer): GatewayAnswer {
  answer.headers['access-control-allow-origin'] = '*';
  answer.headers['access-control-expose-headers'] = '*';
  return answer;
}
