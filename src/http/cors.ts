// CORS: browsers may call the gateway from any origin; the key in the request is what
// protects it, so the preflight answers for every path before auth.
const ALLOW_HEADERS = 'authorization, content-type, x-api-key, x-goog-api-key, anthropic-version, anthropic-beta, anthropic-dangerous-direct-browser-access, openai-organization, openai-project, x-stainless-*';

export function preflight(request: Request): Response {
  return new Response(null, {
    status: 204,
    headers: {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': request.headers.get('access-control-request-headers') ?? ALLOW_HEADERS,
      'access-control-max-age': '86400',
    },
  });
}

/** Adds the CORS response headers; Response headers from fetch() can be immutable, so copy when needed. */
export function withCors(response: Response): Response {
  try {
    response.headers.set('access-control-allow-origin', '*');
    response.headers.set('access-control-expose-headers', '*');
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set('access-control-allow-origin', '*');
    copy.headers.set('access-control-expose-headers', '*');
    return copy;
  }
}
