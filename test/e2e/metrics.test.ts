// GET /metrics: Prometheus text (parsed with parse-prometheus-text-format) from the Node
// runtime's prom-client registry, behind the gateway key unless METRICS_PUBLIC=1; its
// counters move with requests. An app without a metrics source (the Worker) answers 404.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import parsePrometheusTextFormat, { type PrometheusFamily } from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { createApp, type App, type GatewayEnv } from '../../src/app.ts';
import { prometheusMetrics } from '../../src/runtime/node/prometheus-metrics.ts';
import { protocolOfUpstreamPath } from '../helpers/conversion-upstream.ts';
import { FIXTURES, upstreamReply } from '../helpers/fixtures.ts';
import { configFor } from '../helpers/gateway.ts';
import { envWith, post } from '../helpers/in-process.ts';

interface LoggedCase {
  name: string;
  path: string;
  inbound: string;
  body: Record<string, unknown>;
}

const CASES = JSON.parse(readFileSync(join(FIXTURES, 'observability', 'requests.json'), 'utf8')) as LoggedCase[];
const caseNamed = (name: string) => CASES.find((c) => c.name === name)!;
const ENV = envWith(configFor('https://upstream.test'));

/** The Node app's metrics wiring, in-process, the upstream answering each protocol's recorded text answer. */
function appWithMetrics(): App {
  const metrics = prometheusMetrics();
  return createApp({
    fetch: async (request) => {
      const reply = upstreamReply(protocolOfUpstreamPath(new URL(request.url).pathname)!, (JSON.parse(await request.text()) as { stream?: boolean }).stream || request.url.includes(':stream') ? 'stream-text' : 'text');
      return new Response(reply.body, { status: reply.status, headers: reply.headers });
    },
    metrics: metrics.source,
    observer: () => metrics.observer,
  });
}

async function scrape(app: App, env: GatewayEnv = ENV, headers: Record<string, string> = { authorization: 'Bearer k-main' }): Promise<PrometheusFamily[]> {
  const answer = await app.fetch(new Request('http://gateway.test/metrics', { headers }), env);
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toContain('text/plain');
  return parsePrometheusTextFormat(await answer.text());
}

/** The value of one counter or gauge series (0 when it does not exist yet). */
function valueOf(families: PrometheusFamily[], name: string, labels: Record<string, string>): number {
  const series = families.find((f) => f.name === name)?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return Number(series?.value ?? 0);
}

/**
 * Observations in a histogram that has one series. (The parser, prom2json-compatible, folds a
 * labelled histogram's series into one bucket map without labels: the +Inf bucket is the count.)
 */
function histogramCount(families: PrometheusFamily[], name: string): number {
  const series = families.find((f) => f.name === name)?.metrics ?? [];
  expect(series.length).toBeLessThanOrEqual(1);
  return Number(series[0]?.buckets?.['+Inf'] ?? 0);
}

async function send(app: App, c: LoggedCase): Promise<void> {
  const auth: Record<string, string> = c.inbound === 'claude' ? { 'x-api-key': 'k-main' } : c.inbound === 'gemini' ? { 'x-goog-api-key': 'k-main' } : { authorization: 'Bearer k-main' };
  const answer = await app.fetch(post(c.path, c.body, auth), ENV);
  expect(answer.status).toBe(200);
  await answer.text();
}

describe('/metrics access', () => {
  it('needs the gateway key', async () => {
    const answer = await appWithMetrics().fetch(new Request('http://gateway.test/metrics'), ENV);
    expect(answer.status).toBe(401);
    expect(await answer.json()).toMatchObject({ error: { type: expect.any(String), message: expect.any(String) } });
  });

  it('is open without a key with METRICS_PUBLIC=1', async () => {
    const families = await scrape(appWithMetrics(), { ...ENV, METRICS_PUBLIC: '1' }, {});
    expect(families.map((f) => f.name)).toContain('anyapi_requests_total');
  });

  it('answers 404, saying why, where the runtime has no metrics (Workers)', async () => {
    const answer = await createApp({}).fetch(new Request('http://gateway.test/metrics', { headers: { authorization: 'Bearer k-main' } }), ENV);
    expect(answer.status).toBe(404);
    expect(((await answer.json()) as { error: { message: string } }).error.message).toMatch(/Node runtime only/);
  });
});

describe('counters move with requests', () => {
  it('a converted request counts once, with its target, duration, overhead, attempt and tokens', async () => {
    const app = appWithMetrics();
    const labels = { inbound: 'openai-chat-completions', provider: 'claude', model: 'test-model', status: '200' };
    const before = await scrape(app);
    await send(app, caseNamed('chat, whole, converted to Claude'));
    const after = await scrape(app);
    expect(valueOf(after, 'anyapi_requests_total', labels) - valueOf(before, 'anyapi_requests_total', labels)).toBe(1);
    expect(histogramCount(after, 'anyapi_request_duration_seconds') - histogramCount(before, 'anyapi_request_duration_seconds')).toBe(1);
    expect(histogramCount(after, 'anyapi_gateway_overhead_seconds')).toBe(1);
    expect(valueOf(after, 'anyapi_upstream_attempts_total', { provider: 'claude' })).toBe(1);
    expect(valueOf(after, 'anyapi_tokens_total', { provider: 'claude', model: 'test-model', kind: 'input' })).toBeGreaterThan(0);
    expect(valueOf(after, 'anyapi_tokens_total', { provider: 'claude', model: 'test-model', kind: 'output' })).toBeGreaterThan(0);
  });

  it('a stream counts when it ends, and leaves no stream open', async () => {
    const app = appWithMetrics();
    const labels = { inbound: 'claude', provider: 'claude', model: 'test-model', status: '200' };
    await send(app, caseNamed('claude, stream, pass-through'));
    const after = await scrape(app);
    expect(valueOf(after, 'anyapi_requests_total', labels)).toBe(1);
    expect(valueOf(after, 'anyapi_tokens_total', { provider: 'claude', model: 'test-model', kind: 'output' })).toBeGreaterThan(0);
    expect(valueOf(after, 'anyapi_open_streams', {})).toBe(0);
  });

  it('an upstream HTTP error counts as an error of that provider, by status', async () => {
    const metrics = prometheusMetrics();
    const app = createApp({ fetch: async () => new Response('{"error":{"message":"busy","type":"server_error"}}', { status: 503, headers: { 'content-type': 'application/json' } }), metrics: metrics.source, observer: () => metrics.observer });
    const answer = await app.fetch(post('/v1/chat/completions', caseNamed('chat, whole, converted to Claude').body, { authorization: 'Bearer k-main' }), ENV);
    expect(answer.status).toBeGreaterThanOrEqual(500);
    const after = await scrape(app);
    expect(valueOf(after, 'anyapi_upstream_errors_total', { provider: 'claude', cause: 'http_503' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(after, 'anyapi_requests_total', { provider: 'claude', status: String(answer.status) })).toBe(1);
  });
});
