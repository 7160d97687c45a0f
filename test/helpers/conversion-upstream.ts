// A loopback upstream for conversion tests: it answers each request with the fixture of the
// protocol its path belongs to, and checks every request it receives against that protocol's
// generated request validator — what the gateway sends upstream must be valid there.
import { afterAll, beforeAll, expect } from 'vitest';
import type { AnyApiConfig } from '../../src/config/config-types.ts';
import { PROTOCOL_IDS, type ProtocolId } from '../../src/protocols/protocol-id.ts';
import { CONTRACTS, issuesOf } from '../contract/contracts.ts';
import { hasFixture, readFixture, upstreamReply } from './fixtures.ts';
import { GATEWAY_KEY, configFor, startGateway, type RunningGateway } from './gateway.ts';
import { startMockUpstream, type MockUpstream, type RecordedRequest } from './mock-upstream.ts';

const UPSTREAM_PATH: Record<ProtocolId, RegExp> = {
  'openai-chat-completions': /^\/v1\/chat\/completions$/,
  // `/compact`: the Responses compaction endpoint (answered with compact.compacted.json).
  'openai-responses': /^\/v1\/responses(\/compact)?$/,
  claude: /^\/v1\/messages$/,
  gemini: /^\/v1beta\/models\/[^/]+:(generateContent|streamGenerateContent)$/,
};

/** A 1×1 PNG the upstream host also serves, for image-URL tests. */
export const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const PNG_BYTES = Uint8Array.from(atob(PNG_BASE64), (c) => c.charCodeAt(0));
export const MEDIA_PATH = '/media/cat.png';

/** The Responses compaction endpoint, as the gateway calls it on a Responses upstream. */
export const COMPACT_PATH = '/v1/responses/compact';

export function protocolOfUpstreamPath(path: string): ProtocolId | undefined {
  return PROTOCOL_IDS.find((p) => UPSTREAM_PATH[p].test(path));
}

export interface ConversionUpstream extends MockUpstream {
  /** Fixture case answered next, e.g. `text`, `tool-call`, `error-429`. */
  scenario: string;
  /** Validation problems of requests received, by request index. */
  invalid: string[];
  last(): RecordedRequest & { protocol: ProtocolId };
}

export async function startConversionUpstream(): Promise<ConversionUpstream> {
  const invalid: string[] = [];
  let conversion: ConversionUpstream | undefined;
  const upstream = await startMockUpstream((request) => {
    const scenario = conversion?.scenario ?? 'text';
    if (request.method === 'GET' && request.path === MEDIA_PATH) return { status: 200, headers: { 'content-type': 'image/png' }, body: PNG_BYTES };
    const protocol = protocolOfUpstreamPath(request.path);
    if (!protocol) return { status: 404, headers: { 'content-type': 'text/plain' }, body: `no route ${request.path}` };
    const issues = issuesOf(CONTRACTS[protocol].upstreamRequest, request.body);
    if (issues) invalid.push(`${protocol} ${request.path}: ${issues}`);
    if (request.path === COMPACT_PATH) return { status: 200, headers: { 'content-type': 'application/json' }, body: readFixture(protocol, 'compact.compacted.json') };
    const stream = (request.body as { stream?: unknown }).stream === true || request.path.includes(':stream');
    // A stream request gets the stream-<case> recording when there is one (errors are plain HTTP errors).
    return upstreamReply(protocol, stream && hasFixture(protocol, `stream-${scenario}`) ? `stream-${scenario}` : scenario);
  });
  conversion = Object.assign(upstream, {
    invalid,
    scenario: 'text',
    last() {
      const request = upstream.requests.at(-1);
      if (!request) throw new Error('the upstream received no request');
      return { ...request, protocol: protocolOfUpstreamPath(request.path)! };
    },
  });
  return conversion;
}

/**
 * A conversion upstream and a gateway in front of it for one test file: started before its
 * tests, closed after, and every request the upstream received must have been valid.
 */
export function useConversionGateway(configure?: (config: AnyApiConfig) => void): { upstream: ConversionUpstream; gateway: RunningGateway } {
  const ctx = {} as { upstream: ConversionUpstream; gateway: RunningGateway };
  beforeAll(async () => {
    ctx.upstream = await startConversionUpstream();
    const config = configFor(ctx.upstream.url);
    configure?.(config);
    ctx.gateway = await startGateway({ ANY_API_CONFIG: JSON.stringify(config), WORKER_AUTH_KEY: GATEWAY_KEY });
  });
  afterAll(async () => {
    await ctx.gateway.close();
    await ctx.upstream.close();
    expect(ctx.upstream.invalid).toEqual([]);
  });
  return ctx;
}
