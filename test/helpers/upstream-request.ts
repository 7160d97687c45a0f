// What a loopback upstream needs to know of a request the gateway sent it: which protocol's
// path it hit, its parsed body, the model it asks for (body `model`, or Gemini's URL path) and
// whether it asks for a stream — read the same way by every scripted test upstream.
import type { IncomingMessage } from 'node:http';
import type { ProtocolId } from '../../src/protocols/protocol-id.ts';
import { protocolOfUpstreamPath } from './conversion-upstream.ts';

export interface UpstreamRequest {
  url: URL;
  /** Undefined when the path is no upstream route of any protocol. */
  protocol: ProtocolId | undefined;
  body: unknown;
  model: string;
  stream: boolean;
}

function modelOf(protocol: ProtocolId, path: string, body: unknown): string {
  if (protocol === 'gemini') return decodeURIComponent(/\/models\/([^/:]+):/.exec(path)?.[1] ?? '');
  const model = (body as { model?: unknown } | undefined)?.model;
  return typeof model === 'string' ? model : '';
}

export async function readUpstreamRequest(req: IncomingMessage): Promise<UpstreamRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = new URL(req.url ?? '/', 'http://upstream');
  const protocol = protocolOfUpstreamPath(url.pathname);
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    body = undefined;
  }
  const stream = url.pathname.includes(':streamGenerateContent') || (body as { stream?: unknown } | undefined)?.stream === true;
  return { url, protocol, body, model: protocol ? modelOf(protocol, url.pathname, body) : '', stream };
}
