// A lean loopback upstream for the bench: answers every protocol's recorded fixture in one
// write, with Content-Length, as fast as it can. The bench measures the gateway, not this.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProtocolId } from '../src/protocols/protocol-id.ts';
import { upstreamReply } from '../test/helpers/fixtures.ts';

interface Canned {
  status: number;
  headers: Record<string, string | number>;
  body: Buffer;
}

export interface LeanUpstream {
  url: string;
  /** Requests answered so far, by kind (`chat`, `chat-stream`, …, `unknown`). */
  counts: Record<string, number>;
  /** The exact body the upstream answers for a protocol, streaming or not. */
  bodyFor(protocol: ProtocolId, stream: boolean): string;
  close(): Promise<void>;
}

function canned(protocol: ProtocolId, name: string): Canned {
  const reply = upstreamReply(protocol, name);
  const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : Buffer.from(reply.body);
  return { status: reply.status, headers: { ...reply.headers, 'content-length': body.length }, body };
}

const PROTOCOLS: readonly ProtocolId[] = ['openai-chat-completions', 'openai-responses', 'claude', 'gemini'];

/** Which protocol an upstream path belongs to (the paths the gateway's providers call). */
function protocolOf(pathname: string): ProtocolId | undefined {
  if (pathname.endsWith('/chat/completions')) return 'openai-chat-completions';
  if (pathname.endsWith('/responses')) return 'openai-responses';
  if (pathname.endsWith('/messages')) return 'claude';
  if (/:(stream)?generateContent$/i.test(pathname)) return 'gemini';
  return undefined;
}

export async function startLeanUpstream(): Promise<LeanUpstream> {
  const replies = new Map<string, Canned>();
  for (const p of PROTOCOLS) {
    replies.set(`${p}:json`, canned(p, 'text'));
    replies.set(`${p}:sse`, canned(p, 'stream-text'));
  }
  const missing = Buffer.from('{"error":"bench mock: no such path"}');
  const notFound: Canned = { status: 404, headers: { 'content-type': 'application/json', 'content-length': missing.length }, body: missing };
  const counts: Record<string, number> = {};

  const server: Server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => { text += chunk; });
    req.on('end', () => {
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const pathname = q < 0 ? url : url.slice(0, q);
      const protocol = protocolOf(pathname);
      // Gemini streams by path; the others by `"stream":true` in the (JSON.stringify'd) body.
      const stream = protocol === 'gemini' ? pathname.endsWith(':streamGenerateContent') : /"stream"\s*:\s*true/.test(text);
      const key = protocol ? `${protocol}:${stream ? 'sse' : 'json'}` : 'unknown';
      counts[key] = (counts[key] ?? 0) + 1;
      const reply = replies.get(key) ?? notFound;
      res.writeHead(reply.status, reply.headers);
      res.end(reply.body);
    });
  });
  // A real upstream keeps connections open; don't make the gateway's pool race our timeout.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    bodyFor: (protocol, stream) => (replies.get(`${protocol}:${stream ? 'sse' : 'json'}`) ?? notFound).body.toString('utf8'),
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
