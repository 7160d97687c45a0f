// Retries and fallbacks as each official SDK sees them, stream and non-stream: a primary that
// keeps answering 503 is tried `retry.attempts` times and then its fallback of another
// protocol serves the answer in the client's own protocol; so does one whose stream fails
// before any output; a stream that broke after its first text is never retried; when every
// target fails the client gets the last failure; a 400 is the client's to fix and goes back at
// once; a connection reset before any answer is retried on the same target. Every answer
// names the target that served it, or the last one tried (`x-any-api-upstream`), and the
// upstream requests made (`x-any-api-attempts`). Each case has its own upstream models,
// scripted on one upstream, and is run with the primary in the client's protocol and in another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyApiConfig, ProviderOptions } from '../../src/config/config-types.ts';
import { PROTOCOL_IDS, type ProtocolId } from '../../src/protocols/protocol-id.ts';
import { upstreamReply } from '../helpers/fixtures.ts';
import { configFor, GATEWAY_KEY, PROVIDER_ID, startGateway, type RunningGateway } from '../helpers/gateway.ts';
import { SDK_ERROR, ask, errorEnvelope } from '../helpers/routing-sdk.ts';
import { fixture, OK, RESET, startScriptedUpstream, status, type ScriptedUpstream } from '../helpers/scripted-upstream.ts';

const TEXT = 'Hello from the upstream.';
/** What the scripted upstream streams before it breaks: its events through the first text delta. */
const TEXT_BEFORE_BREAK = 'Hello';
const UPSTREAM = 'x-any-api-upstream';
const ATTEMPTS = 'x-any-api-attempts';

/** The protocol `k` places after `p`: with k ≥ 1, always another protocol. */
const after = (p: ProtocolId, k: number): ProtocolId => PROTOCOL_IDS[(PROTOCOL_IDS.indexOf(p) + k) % PROTOCOL_IDS.length]!;

/** Models the cases declare while they are collected; the config is built from them before the first test. */
const MODELS: Array<{ protocol: ProtocolId; name: string; fallback: string[]; options?: ProviderOptions }> = [];
function model(protocol: ProtocolId, name: string, fallback: string[] = [], options?: ProviderOptions): string {
  MODELS.push({ protocol, name, fallback, ...(options ? { options } : {}) });
  return `${PROVIDER_ID[protocol]}.${name}`;
}

/**
 * A primary and its one fallback, of two different protocols. `passthrough`: the primary
 * speaks the client's protocol (its failure could be relayed as it is) and the fallback is
 * converted; `converted`: the other way round.
 */
function pair(kind: string, inbound: ProtocolId, stream: boolean, variant: 'passthrough' | 'converted', primaryOptions?: ProviderOptions) {
  const [primaryProtocol, fallbackProtocol] = variant === 'passthrough' ? [inbound, after(inbound, 1)] : [after(inbound, 1), inbound];
  const suffix = `${PROVIDER_ID[inbound]}-${stream ? 'stream' : 'json'}-${variant}`;
  const fallback = model(fallbackProtocol, `${kind}-fallback-${suffix}`);
  const primary = model(primaryProtocol, `${kind}-primary-${suffix}`, [fallback], primaryOptions);
  return {
    primary, fallback, primaryProtocol, fallbackProtocol,
    upstreamPrimary: `${kind}-primary-${suffix}`,
    upstreamFallback: `${kind}-fallback-${suffix}`,
    /** The case's own first turn: session affinity keys on it, and must not carry over between cases. */
    ask: () => ask(inbound, gateway.url, primary, { stream, prompt: `Say hello to ${primary}` }),
  };
}

let upstream: ScriptedUpstream;
let gateway: RunningGateway;

beforeAll(async () => {
  upstream = await startScriptedUpstream();
  const config: AnyApiConfig = configFor(upstream.url);
  for (const provider of Object.values(config.providers)) provider.options = { retry: { attempts: 2, backoffMs: 1 } };
  for (const m of MODELS) {
    config.providers[PROVIDER_ID[m.protocol]]!.models[m.name] = { upstreamModel: m.name, ...(m.fallback.length > 0 ? { fallback: m.fallback } : {}), ...(m.options ? { options: m.options } : {}) };
  }
  gateway = await startGateway({ ANY_API_CONFIG: JSON.stringify(config), WORKER_AUTH_KEY: GATEWAY_KEY });
});

afterAll(async () => {
  await gateway?.close();
  await upstream?.close();
});

const VARIANTS = ['passthrough', 'converted'] as const;

describe.each(PROTOCOL_IDS)('%s SDK', (inbound) => {
  describe.each([false, true])('stream: %s', (stream) => {
    const down = Object.fromEntries(VARIANTS.map((v) => [v, pair('down', inbound, stream, v)]));
    it.each(VARIANTS)('%s primary answers 503 on every try: its fallback of another protocol answers, in the client protocol', async (variant) => {
      const c = down[variant]!;
      upstream.on(c.upstreamPrimary, () => status(503));
      const out = await c.ask();
      expect(out.error).toBeUndefined();
      expect(out.status).toBe(200);
      expect(out.text).toBe(TEXT);
      expect(out.headers.get(UPSTREAM)).toBe(c.fallback);
      expect(out.headers.get(ATTEMPTS)).toBe('3');
      expect(upstream.of(c.upstreamPrimary).map((r) => r.protocol)).toEqual([c.primaryProtocol, c.primaryProtocol]);
      expect(upstream.of(c.upstreamFallback).map((r) => [r.protocol, r.stream])).toEqual([[c.fallbackProtocol, stream]]);
    });

    if (stream) {
      const broken = Object.fromEntries(VARIANTS.map((v) => [v, pair('broken', inbound, stream, v)]));
      it.each(VARIANTS)('%s primary breaks after its first text: not retried, and the stream ends with the protocol\'s error', async (variant) => {
        const c = broken[variant]!;
        upstream.on(c.upstreamPrimary, () => ({ kind: 'error-after-output' }));
        const out = await c.ask();
        expect(out.status).toBe(200);
        expect(out.text).toBe(TEXT_BEFORE_BREAK);
        // Every SDK's stream iteration throws its own API error class on the protocol's error event.
        expect(out.error).toBeInstanceOf(SDK_ERROR[inbound]);
        expect((out.error as Error).message).toContain('Overloaded');
        expect(out.headers.get(UPSTREAM)).toBe(c.primary);
        expect(out.headers.get(ATTEMPTS)).toBe('1');
        expect(upstream.of(c.upstreamPrimary)).toHaveLength(1);
        expect(upstream.of(c.upstreamFallback)).toHaveLength(0);
      });

      // Claude's in-band overloaded_error is a 529, which sets the provider's only key aside for
      // 30 s (options.cooldownMs) and would make later cases skip that provider: not here.
      const early = Object.fromEntries(VARIANTS.map((v) => [v, pair('early-error', inbound, stream, v, { cooldownMs: 0 })]));
      const failsOver = async (variant: (typeof VARIANTS)[number]) => {
        const c = early[variant]!;
        upstream.on(c.upstreamPrimary, () => fixture('stream-error-before-output'));
        const out = await c.ask();
        expect(out.error).toBeUndefined();
        expect(out.text).toBe(TEXT);
        expect(out.headers.get(UPSTREAM)).toBe(c.fallback);
        expect(out.headers.get(ATTEMPTS)).toBe('3');
        expect(upstream.of(c.upstreamPrimary)).toHaveLength(2);
        expect(upstream.of(c.upstreamFallback)).toHaveLength(1);
      };
      // Claude and Responses recordings open with message_start / response.created before the
      // error: an opening event is no output, so the relay holds it and fails over too.
      it.each(VARIANTS)('%s primary\'s stream fails before any output: retried, then its fallback answers', (variant) => failsOver(variant));
    }

    const allDown = Object.fromEntries(VARIANTS.map((v) => [v, pair('all-down', inbound, stream, v)]));
    it.each(VARIANTS)('%s primary and its fallback both answer 500: the last failure, in the client protocol, names the fallback', async (variant) => {
      const c = allDown[variant]!;
      upstream.on(c.upstreamPrimary, () => fixture('error-500'));
      upstream.on(c.upstreamFallback, () => fixture('error-500'));
      const out = await c.ask();
      expect(out.status).toBe(500);
      expect(out.error).toBeInstanceOf(SDK_ERROR[inbound]);
      const fallbackMessage = (JSON.parse(upstreamReply(c.fallbackProtocol, 'error-500').body) as { error: { message: string } }).error.message;
      expect(out.errorBody).toMatchObject(errorEnvelope(inbound, expect.stringContaining(fallbackMessage.slice(0, 30))));
      expect(out.headers.get(UPSTREAM)).toBe(c.fallback);
      expect(out.headers.get(ATTEMPTS)).toBe('4');
      expect(upstream.of(c.upstreamPrimary)).toHaveLength(2);
      expect(upstream.of(c.upstreamFallback)).toHaveLength(2);
    });

    const refused = Object.fromEntries(VARIANTS.map((v) => [v, pair('refused', inbound, stream, v)]));
    it.each(VARIANTS)('%s primary answers 400: one attempt, no fallback, the 400 in the client protocol', async (variant) => {
      const c = refused[variant]!;
      upstream.on(c.upstreamPrimary, () => fixture('error-400'));
      const out = await c.ask();
      expect(out.status).toBe(400);
      expect(out.error).toBeInstanceOf(SDK_ERROR[inbound]);
      expect(out.error).toMatchObject({ status: 400 });
      const upstreamMessage = (JSON.parse(upstreamReply(c.primaryProtocol, 'error-400').body) as { error: { message: string } }).error.message;
      expect(out.errorBody).toMatchObject(errorEnvelope(inbound, expect.stringContaining(upstreamMessage.split('"')[0]!.slice(0, 30))));
      expect(out.headers.get(UPSTREAM)).toBe(c.primary);
      expect(out.headers.get(ATTEMPTS)).toBe('1');
      expect(upstream.of(c.upstreamPrimary)).toHaveLength(1);
      expect(upstream.of(c.upstreamFallback)).toHaveLength(0);
    });

    const reset = Object.fromEntries(VARIANTS.map((v) => [v, pair('reset', inbound, stream, v)]));
    it.each(VARIANTS)('%s primary resets the connection once, then answers: served by the primary in 2 attempts', async (variant) => {
      const c = reset[variant]!;
      upstream.on(c.upstreamPrimary, (_request, n) => (n === 1 ? RESET : OK));
      const out = await c.ask();
      expect(out.error).toBeUndefined();
      expect(out.text).toBe(TEXT);
      expect(out.headers.get(UPSTREAM)).toBe(c.primary);
      expect(out.headers.get(ATTEMPTS)).toBe('2');
      expect(upstream.of(c.upstreamPrimary)).toHaveLength(2);
      expect(upstream.of(c.upstreamFallback)).toHaveLength(0);
    });
  });
});
