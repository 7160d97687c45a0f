// One request through the app in-process, the upstream answering with a fixture of its own
// protocol (or a given body); returns the client's answer and what reached the upstream,
// which is checked against that protocol's generated request validator.
import { expect } from 'vitest';
import type { GatewayEnv } from '../../src/app.ts';
import type { ProtocolId } from '../../src/protocols/protocol-id.ts';
import { CONTRACTS, issuesOf } from '../contract/contracts.ts';
import { protocolOfUpstreamPath } from './conversion-upstream.ts';
import { upstreamReply } from './fixtures.ts';
import { configFor } from './gateway.ts';
import { envWith, inProcessApp, post } from './in-process.ts';

export interface SendOptions {
  env?: GatewayEnv;
  /** A fixture case name, or a function giving the upstream's JSON answer. */
  scenario?: string | ((protocol: ProtocolId) => unknown);
  headers?: Record<string, string>;
}

// Test code reads answers of four protocols loosely; `any` keeps those assertions short.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function sendThrough(path: string, body: unknown, options: SendOptions = {}) {
  const scenario = options.scenario ?? 'text';
  const { app, sent } = inProcessApp((request) => {
    const protocol = protocolOfUpstreamPath(new URL(request.url).pathname)!;
    if (typeof scenario !== 'string') return Response.json(scenario(protocol));
    const reply = upstreamReply(protocol, scenario);
    return new Response(reply.body, { status: reply.status, headers: reply.headers });
  });
  const response = await app.fetch(post(path, body, { authorization: 'Bearer k-main', ...options.headers }), options.env ?? envWith(configFor('https://upstream.test')));
  const upstream = sent[0];
  const protocol = upstream && protocolOfUpstreamPath(new URL(upstream.url).pathname);
  if (upstream && protocol) expect(issuesOf(CONTRACTS[protocol].upstreamRequest, upstream.body)).toBe('');
  const text = await response.text();
  return {
    response,
    json: (text.startsWith('{') ? JSON.parse(text) : text) as Record<string, any>,
    upstream: upstream?.body as Record<string, any>,
    upstreamHeaders: upstream?.headers,
    warnings: response.headers.get('x-any-api-warnings') ?? '',
  };
}
