// A loopback HTTP server standing in for a real upstream: it records every request and
// answers with whatever the test scripts (usually a recorded fixture, sent in small chunks
// so streaming is real).
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { UpstreamReply } from './fixtures.ts';

export interface RecordedRequest {
  method: string;
  path: string;
  search: string;
  headers: IncomingHttpHeaders;
  text: string;
  body: unknown;
}

/** A scripted answer: usually a fixture (text), sometimes bytes (an image URL's target). */
export type MockReply = Omit<UpstreamReply, 'body'> & { body: string | Uint8Array };

export interface MockUpstream {
  url: string;
  requests: RecordedRequest[];
  /** Requests whose client went away before the reply finished. */
  aborted: number;
  reply: (request: RecordedRequest) => MockReply | Promise<MockReply>;
  close(): Promise<void>;
}

export async function startMockUpstream(reply: MockUpstream['reply']): Promise<MockUpstream> {
  const upstream: MockUpstream = { url: '', requests: [], aborted: 0, reply, close: async () => {} };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://upstream');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    const recorded = { method: req.method ?? '', path: url.pathname, search: url.search, headers: req.headers, text, body };
    upstream.requests.push(recorded);
    const answer = await upstream.reply(recorded);
    res.on('close', () => {
      if (!res.writableFinished) upstream.aborted++;
    });
    res.writeHead(answer.status, answer.headers);
    // Stream in small pieces so the gateway sees a body arrive over time, split anywhere.
    for (let i = 0; i < answer.body.length; i += 64) {
      if (res.destroyed) return;
      res.write(answer.body.slice(i, i + 64));
    }
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  upstream.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  upstream.close = () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  return upstream;
}
