// Serves the gateway's fetch handler over node:http: Web Request in, Web Response streamed
// out with backpressure; a client that disconnects aborts the request signal (and with it
// the upstream call and every timer of the request). Whatever is built from raw input (the
// URL from Host and the path, the headers) is built inside the error path: a malformed Host
// or header is a 400, never an exception that reaches the process.
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
  // The Host header is the client's to write: only the path is taken from the request line.
  const target = req.url ?? '/';
  const url = new URL(target.startsWith('/') ? `http://gateway.invalid${target}` : target);
  return new Request(url, {
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

function badRequest(res: ServerResponse): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(400, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { message: 'Malformed request line or headers.', type: 'invalid_request_error', param: null, code: null } }));
}

/** Told when each request starts and when its response is done (or its client gone). */
export interface ServeHooks {
  requestStarted(): void;
  requestEnded(): void;
}

export function serve(app: App, env: GatewayEnv, hooks?: ServeHooks): Server {
  const server = createServer((req, res) => {
    const controller = new AbortController();
    hooks?.requestStarted();
    res.on('close', () => {
      hooks?.requestEnded();
      if (!res.writableFinished) controller.abort(new Error('client disconnected'));
    });
    let request: Request;
    try {
      request = toRequest(req, controller.signal);
    } catch {
      badRequest(res);
      return;
    }
    app
      .fetch(request, env)
      .then((response) => writeResponse(response, res))
      .catch((error: unknown) => {
        // A client that went away is not a failure worth a log line.
        if (!controller.signal.aborted) console.error('any-api: failed to write response:', error instanceof Error ? error.message : String(error));
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end();
      });
  });
  // A request Node's parser cannot read (bad header bytes, a huge header) gets a plain 400.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });
  // Node's 5 s default races clients that reuse an idle connection just as the server closes
  // it (ECONNRESET, seen under load in bench/streaming); 65 s outlasts common client pools.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}
