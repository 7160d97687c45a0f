// The floor as a Worker: bench/floor-proxy.ts's cheapest proxy, written for workerd, for the
// workerd bench (bench/workerd.ts) to run under the same `wrangler dev` as the gateway. What
// it costs is what workerd, Miniflare's entry Worker and a fetch in and out cost under local
// dev before any gateway code runs.
//
// Per request: read the body, JSON.parse it, name the upstream model, JSON.stringify it, fetch
// the URL the gateway would call for that model (as floor-proxy.ts builds it) and return the
// upstream's status, content-type and body stream. No auth check, no validation, no conversion.
// Env: ANY_API_CONFIG (JSON, the gateway's config: `providers.<id>.{type, baseURL, apiKey, models}`).

import { GEMINI_PATH, joinUrl, UPSTREAM, type Provider } from './floor-upstream.ts';

const json = (status: number, error: string) => new Response(JSON.stringify({ error: `floor: ${error}` }), { status, headers: { 'content-type': 'application/json' } });

let providers: Record<string, Provider> | undefined;

async function forward(request: Request, config: string | undefined): Promise<Response> {
  providers ??= (JSON.parse(config ?? '{}') as { providers?: Record<string, Provider> }).providers ?? {};
  const body = JSON.parse(await request.text()) as Record<string, unknown>;
  const gemini = GEMINI_PATH.exec(new URL(request.url).pathname);
  const model = gemini ? decodeURIComponent(gemini[1]!) : String(body.model);
  const stream = gemini ? gemini[2] === 'streamGenerateContent' : body.stream === true;
  const dot = model.indexOf('.');
  const provider = providers[model.slice(0, dot)];
  if (dot < 0 || !provider) return json(404, 'unknown model');
  const name = provider.models?.[model.slice(dot + 1)]?.upstreamModel ?? model.slice(dot + 1);
  const upstream = UPSTREAM[provider.type];
  if (provider.type !== 'gemini') Object.assign(body, { model: name }, stream ? { stream: true } : {});
  const reply = await fetch(joinUrl(provider.baseURL, upstream.version, upstream.path(name, stream)), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...upstream.auth(provider.apiKey ?? '') },
    body: JSON.stringify(body),
  });
  const headers: Record<string, string> = { 'content-type': reply.headers.get('content-type') ?? 'application/json' };
  const length = reply.headers.get('content-length');
  if (length !== null) headers['content-length'] = length;
  return new Response(reply.body, { status: reply.status, headers });
}

export default {
  async fetch(request: Request, env: { ANY_API_CONFIG?: string }): Promise<Response> {
    // The bench's readiness probe.
    if (request.method === 'GET' && new URL(request.url).pathname === '/v1/models') return new Response('{"object":"list","data":[]}', { headers: { 'content-type': 'application/json' } });
    try {
      return await forward(request, env.ANY_API_CONFIG);
    } catch (error) {
      return json(error instanceof SyntaxError ? 400 : 502, String(error));
    }
  },
};
