// Serves the gateway's fetch handler over node:http: Web Request in, Web Response streamed
// out with backpressure; a client that disconnects aborts the request signal (and with it
// the upstream call).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { App, GatewayEnv } from '../../app.ts';

function toRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
    method: req.method,
    headers,
    signal,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  } as RequestInit);
}

async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) break;
      if (!res.write(value)) await new Promise<void>((resolve) => { res.once('drain', resolve); res.once('close', resolve); });
    }
  } finally {
    if (res.destroyed) await reader.cancel().catch(() => {});
    res.end();
  }
}

export function serve(app: App, env: GatewayEnv): Server {
  const server = createServer((req, res) => {
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort(new Error('client disconnected'));
    });
    app
      .fetch(toRequest(req, controller.signal), env)
      .then((response) => writeResponse(response, res))
      .catch((error: unknown) => {
        // A client that went away is not a failure worth a log line.
        if (!controller.signal.aborted) console.error('any-api: failed to write response:', error instanceof Error ? error.message : String(error));
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end();
      });
  });
  // Node's 5 s default races clients that reuse an idle connection just as the server closes
  // it (ECONNRESET, seen under load in bench/streaming); 65 s outlasts common client pools.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}
