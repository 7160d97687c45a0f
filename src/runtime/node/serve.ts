// Serves the gateway over node:http without the Web Request/Response layer: the request is
// adapted to the gateway's own small interface (http/exchange.ts) in place — headers read from
// Node's header object, the body from the IncomingMessage itself — and the answer is written
// straight to the ServerResponse: whole text with its Content-Length, or a stream's text
// chunk by chunk with backpressure. A client that disconnects aborts the request signal (and
// with it the upstream call and every timer of the request) and cancels the answer's stream.
// Whatever is built from raw input (the URL from the path) is built inside the error path: a
// malformed request is a 400, never an exception that reaches the process.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { App, GatewayEnv } from '../../app.ts';
import { isAnswerStream, type AnswerStream, type GatewayAnswer, type GatewayRequest } from '../../http/exchange.ts';
import type { InFlightRequests } from './in-flight-requests.ts';
import { drained } from './drained.ts';

function headerReader(headers: IncomingHttpHeaders): GatewayRequest['headers'] {
  return {
    get(name) {
      const value = headers[name];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/**
 * The body through 'data'/'end' (GatewayRequest.readText): one promise per body. Past `maxBytes`
 * nothing more is kept and the answer is a 413. A body that closes before its end (the client
 * left mid-upload) rejects.
 */
function readBodyText(req: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const decoder = new TextDecoder();
    let size = 0;
    let text = '';
    const done = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= maxBytes) {
        text += decoder.decode(chunk, { stream: true });
        return;
      }
      done();
      // The rest is read and dropped, not kept: destroying the request here would reset the
      // socket mid-upload, and the client would never read its 413.
      req.resume();
      resolve(undefined);
    };
    const onEnd = () => {
      done();
      resolve(text + decoder.decode());
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    const onClose = () => onError(new Error('the request body closed before its end'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

function toGatewayRequest(req: IncomingMessage, signal: AbortSignal): GatewayRequest {
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  // The Host header is the client's to write: only the path is taken from the request line.
  const target = req.url ?? '/';
  const url = new URL(target.startsWith('/') ? `http://gateway.invalid${target}` : target);
  return { method: req.method ?? 'GET', url, headers: headerReader(req.headers), body: hasBody ? req : null, readText: (maxBytes) => readBodyText(req, maxBytes), signal };
}

async function writeStream(stream: AnswerStream, res: ServerResponse): Promise<void> {
  let finished = false;
  try {
    for (;;) {
      const next = await stream.next();
      if (next.done) {
        finished = true;
        break;
      }
      if (res.destroyed) break;
      if (!res.write(next.value)) await drained(res);
    }
  } finally {
    if (!finished) await stream.cancel().catch(() => {});
    res.end();
  }
}

/**
 * A stream that can push is piped: each text is written to the socket as the upstream chunk
 * that made it is handled, with no promise per chunk; a full socket pauses the upstream until
 * 'drain'. A client that goes away cancels the stream (the request's abort does too).
 */
function pipeStream(stream: AnswerStream, pipe: NonNullable<AnswerStream['pipe']>, res: ServerResponse): Promise<void> {
  return new Promise<void>((resolve) => {
    let ended = false;
    const onClose = () => {
      if (!ended) void stream.cancel().catch(() => {});
    };
    const flow = pipe.call(stream, {
      write: (text) => res.destroyed || res.write(text),
      end() {
        ended = true;
        res.off('drain', onDrain);
        res.off('close', onClose);
        res.end();
        resolve();
      },
    });
    function onDrain(): void {
      flow.resume();
    }
    if (ended) return;
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}

async function writeAnswer(answer: GatewayAnswer, res: ServerResponse): Promise<void> {
  const { body } = answer;
  if (isAnswerStream(body)) {
    // The stream's first text is ready (read-ahead): it goes out in the same write as the headers.
    res.writeHead(answer.status, answer.headers);
    if (body.pipe) await pipeStream(body, body.pipe, res);
    else await writeStream(body, res);
    return;
  }
  const text = body ?? '';
  res.writeHead(answer.status, { ...answer.headers, 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
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

/** `inFlight` (optional) holds each request's AbortController while it is answered. */
export function serve(app: App, env: GatewayEnv, hooks?: ServeHooks, inFlight?: InFlightRequests): Server {
  const server = createServer((req, res) => {
    const controller = new AbortController();
    hooks?.requestStarted();
    inFlight?.add(controller);
    res.on('close', () => {
      hooks?.requestEnded();
      inFlight?.delete(controller);
      if (!res.writableFinished) controller.abort(new Error('client disconnected'));
    });
    let request: GatewayRequest;
    try {
      request = toGatewayRequest(req, controller.signal);
    } catch {
      badRequest(res);
      return;
    }
    app
      .handle(request, env)
      .then((answer) => writeAnswer(answer, res))
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
