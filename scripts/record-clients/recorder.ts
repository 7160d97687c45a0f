// The loopback server a CLI talks to: it records every request as it arrived and answers it
// as the native API of its path would, scripted so the CLI finishes the task.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeChat } from './fake-chat.ts';
import { fakeClaude } from './fake-claude.ts';
import { fakeGemini } from './fake-gemini.ts';
import { fakeResponses } from './fake-responses.ts';
import { json, type FakeReply, type Json, type TaskFile } from './scripted-turn.ts';

export interface RawRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface Recorder {
  url: string;
  requests: RawRequest[];
  close(): Promise<void>;
}

const GEMINI_CALL = /\/models\/([^/]+?):(streamGenerateContent|generateContent|countTokens)$/;

function answer(method: string, pathname: string, body: Json, task: TaskFile): FakeReply {
  const gemini = GEMINI_CALL.exec(pathname);
  if (method === 'POST' && gemini) {
    const [, model = '', call] = gemini;
    if (call === 'countTokens') return json({ totalTokens: 10 });
    return fakeGemini(body, call === 'streamGenerateContent', decodeURIComponent(model), task);
  }
  if (method === 'POST' && pathname.endsWith('/messages/count_tokens')) return json({ input_tokens: 10 });
  if (method === 'POST' && pathname.endsWith('/messages')) return fakeClaude(body, task);
  if (method === 'POST' && pathname.endsWith('/responses')) return fakeResponses(body, task);
  if (method === 'POST' && pathname.endsWith('/chat/completions')) return fakeChat(body, task);
  if (method === 'GET' && pathname.endsWith('/models')) return json(pathname.startsWith('/gemini') ? { models: [] } : { object: 'list', data: [] });
  return json({ error: { message: `the recorder has no fake for ${method} ${pathname}` } }, 404);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export async function startRecorder(task: TaskFile): Promise<Recorder> {
  const requests: RawRequest[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const url = new URL(req.url ?? '/', 'http://recorder');
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      requests.push({ method: req.method ?? '', path: `${url.pathname}${url.search}`, headers, body });
      const jsonBody = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Json) : {};
      const reply = answer(req.method ?? '', url.pathname, jsonBody, task);
      res.writeHead(reply.status, { 'content-type': reply.contentType });
      res.end(req.method === 'HEAD' ? undefined : reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
