// A loopback upstream whose answers a routing test scripts per model, request by request:
// the protocol's recorded valid answer (JSON or stream, as asked), a recorded error fixture
// (`error-429`, `error-500`, …), any status, a connection reset before any answer, or a
// stream that breaks after its first text. Every request is recorded with the upstream key it
// carried (from that protocol's own auth header), so pool, retry and affinity tests can say
// which key served which request.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProtocolId } from '../../src/protocols/protocol-id.ts';
import { inBandError, streamParts } from './faulty-upstream.ts';
import { readFixture, upstreamReply } from './fixtures.ts';
import { readUpstreamRequest } from './upstream-request.ts';

export type Step =
  | { kind: 'ok' }
  | { kind: 'fixture'; name: string; headers?: Record<string, string> }
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  | { kind: 'reset' }
  | { kind: 'error-after-output' };

export const OK: Step = { kind: 'ok' };
export const RESET: Step = { kind: 'reset' };
export const fixture = (name: string, headers?: Record<string, string>): Step => ({ kind: 'fixture', name, ...(headers ? { headers } : {}) });
export const status = (code: number, headers?: Record<string, string>, body?: string): Step => ({ kind: 'status', status: code, ...(headers ? { headers } : {}), ...(body === undefined ? {} : { body }) });

export interface ScriptedRequest {
  /** The upstream model asked for (body `model`, or Gemini's URL path). */
  model: string;
  protocol: ProtocolId;
  /** The upstream key the gateway sent. */
  key: string | undefined;
  stream: boolean;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** Decides the answer to the `n`th request (1-based) for a model. */
export type Script = (request: ScriptedRequest, n: number) => Step;

export interface ScriptedUpstream {
  url: string;
  requests: ScriptedRequest[];
  /** Scripts a model's answers (replacing any earlier script); unscripted models answer OK. */
  on(model: string, script: Script): void;
  /** The requests for one model, in arrival order. */
  of(model: string): ScriptedRequest[];
  close(): Promise<void>;
}

function keyOf(headers: IncomingHttpHeaders): string | undefined {
  const bearer = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];
  const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return bearer ?? single(headers['x-api-key']) ?? single(headers['x-goog-api-key']);
}

export async function startScriptedUpstream(): Promise<ScriptedUpstream> {
  const scripts = new Map<string, Script>();
  const upstream: ScriptedUpstream = {
    url: '',
    requests: [],
    on: (model, script) => void scripts.set(model, script),
    of: (model) => upstream.requests.filter((r) => r.model === model),
    close: async () => {},
  };
  const server = createServer(async (req, res) => {
    const { protocol, body, model, stream } = await readUpstreamRequest(req);
    if (!protocol) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`no route ${req.url ?? ''}`);
      return;
    }
    const request: ScriptedRequest = { model, protocol, key: keyOf(req.headers), stream, headers: req.headers, body };
    upstream.requests.push(request);
    const step = scripts.get(request.model)?.(request, upstream.of(request.model).length) ?? OK;
    const { head, tail } = streamParts(protocol);
    switch (step.kind) {
      case 'reset':
        req.socket.resetAndDestroy();
        return;
      case 'ok':
        if (stream) {
          res.writeHead(200, { 'content-type': 'text/event-stream' }).end([...head, ...tail].join(''));
        } else {
          res.writeHead(200, { 'content-type': 'application/json' }).end(readFixture(protocol, 'text.response.json'));
        }
        return;
      case 'error-after-output': {
        const sequence = Number(/"sequence_number":(\d+)/.exec(head.at(-1) ?? '')?.[1] ?? -1) + 1;
        res.writeHead(200, { 'content-type': 'text/event-stream' }).end(head.join('') + inBandError(protocol, sequence));
        return;
      }
      case 'fixture': {
        const reply = upstreamReply(protocol, step.name);
        res.writeHead(reply.status, { ...reply.headers, ...step.headers }).end(reply.body);
        return;
      }
      case 'status':
        res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers }).end(step.body ?? `{"error":{"message":"scripted ${step.status}","type":"server_error"}}`);
        return;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  upstream.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  upstream.close = () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  return upstream;
}
