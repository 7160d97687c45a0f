// The floor: the cheapest proxy that could stand where the gateway stands, for the pass-through
// bench to compare the gateway with. Its own process, speaking the bench's process protocol
// (bench/child-ipc.ts), so its CPU and RSS are read exactly as the gateway's are.
//
// Per request: read the body, JSON.parse it, name the upstream model, JSON.stringify it, send it
// over a keep-alive undici Pool (one per origin) to the URL the gateway would call for that model
// — the provider's base URL, the API version and the generate path of the provider's *type*, as
// src/upstream/join-url.ts and src/protocols/<type>/protocol.ts build it — and write the upstream's
// status, content-type and body chunks back as they arrive. No auth check, no validation, no
// conversion: the client's gateway key headers are dropped, the provider's own key is sent.
// Chunks are written in a plain loop rather than through stream.pipeline(), which costs ~15 µs
// a request more here: on every finish it aborts an AbortController of its own, and so builds a
// DOMException with its stack (Node 24) — a cost of the helper, not of proxying.
//
// With FLOOR_EVENTS=1 it is the *event floor*, the least a proxy that converts streams must do
// on top: an event stream is cut into its events, each `data:` JSON is parsed and serialised
// again, and the frames are written out anew (a conversion cannot pipe the upstream's bytes: it
// must read every event and write one of its own). Everything else is as above.
// Env: ANY_API_CONFIG (JSON, the gateway's config: `providers.<id>.{type, baseURL, apiKey, models}`),
// FLOOR_EVENTS.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool } from 'undici';
import { runBenchChild } from './child-ipc.ts';
import { drained } from '../src/runtime/node/drained.ts';
import { GEMINI_PATH, joinUrl, UPSTREAM, type Provider } from './floor-upstream.ts';

const REFRAME_EVENTS = process.env.FLOOR_EVENTS === '1';
const providers = (JSON.parse(process.env.ANY_API_CONFIG ?? '{}') as { providers?: Record<string, Provider> }).providers ?? {};

const pools = new Map<string, Pool>();
function poolFor(origin: string): Pool {
  let pool = pools.get(origin);
  if (!pool) pools.set(origin, (pool = new Pool(origin, { pipelining: 1, keepAliveTimeout: 30_000, headersTimeout: 0, bodyTimeout: 0 })));
  return pool;
}

async function forward(req: IncomingMessage, res: ServerResponse, text: string): Promise<void> {
  const body = JSON.parse(text) as Record<string, unknown>;
  const gemini = GEMINI_PATH.exec(req.url ?? '');
  const model = gemini ? decodeURIComponent(gemini[1]!) : String(body.model);
  const stream = gemini ? gemini[2] === 'streamGenerateContent' : body.stream === true;
  const dot = model.indexOf('.');
  const provider = providers[model.slice(0, dot)];
  if (dot < 0 || !provider) {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"floor: unknown model"}');
    return;
  }
  const name = provider.models?.[model.slice(dot + 1)]?.upstreamModel ?? model.slice(dot + 1);
  const upstream = UPSTREAM[provider.type];
  if (provider.type !== 'gemini') Object.assign(body, { model: name }, stream ? { stream: true } : {});
  const url = new URL(joinUrl(provider.baseURL, upstream.version, upstream.path(name, stream)));
  const reply = await poolFor(url.origin).request({
    method: 'POST',
    path: `${url.pathname}${url.search}`,
    headers: { 'content-type': 'application/json', ...upstream.auth(provider.apiKey ?? '') },
    body: JSON.stringify(body),
  });
  const headers: Record<string, string> = { 'content-type': String(reply.headers['content-type'] ?? 'application/json') };
  if (reply.headers['content-length'] !== undefined) headers['content-length'] = String(reply.headers['content-length']);
  const reframed = REFRAME_EVENTS && headers['content-type']!.startsWith('text/event-stream');
  // Events written anew need not add up to the upstream's length.
  if (reframed) delete headers['content-length'];
  res.writeHead(reply.statusCode, headers);
  // A client gone mid-answer stops the read, which frees the upstream connection.
  const onClose = () => {
    if (!res.writableFinished) reply.body.destroy();
  };
  res.once('close', onClose);
  try {
    if (reframed) await reframeEvents(reply.body, res);
    else await relay(reply.body, res);
  } finally {
    res.off('close', onClose);
  }
}

async function relay(body: AsyncIterable<Uint8Array>, res: ServerResponse): Promise<void> {
  for await (const chunk of body) if (!res.write(chunk)) await drained(res);
  res.end();
}

/** One SSE event written anew: each `data:` line's JSON parsed and serialised again. */
function reframe(event: string): string {
  let out = '';
  for (const line of event.split(/\r?\n/)) {
    const data = line.startsWith('data:') ? line.slice(line.startsWith('data: ') ? 6 : 5) : undefined;
    out += data === undefined || data === '[DONE]' ? `${line}\n` : `data: ${JSON.stringify(JSON.parse(data))}\n`;
  }
  return `${out}\n`;
}

const EVENT_END = /\r?\n\r?\n/;

async function reframeEvents(body: AsyncIterable<Uint8Array>, res: ServerResponse): Promise<void> {
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of body) {
    const events = (pending + decoder.decode(chunk, { stream: true })).split(EVENT_END);
    pending = events.pop()!;
    let out = '';
    for (const event of events) if (event) out += reframe(event);
    if (out && !res.write(out)) await drained(res);
  }
  pending += decoder.decode();
  res.end(pending.trim() ? reframe(pending) : '');
}

const server = createServer((req, res) => {
  let text = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => { text += chunk; });
  req.on('end', () => {
    forward(req, res, text).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else res.writeHead(error instanceof SyntaxError ? 400 : 502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `floor: ${String(error)}` }));
    });
  });
});
server.keepAliveTimeout = 60_000;

runBenchChild(server);
