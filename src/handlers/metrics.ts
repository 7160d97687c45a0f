// GET /metrics: Prometheus text from the runtime's metrics source. Only the Node runtime has one
// (prom-client, runtime/node/prometheus-metrics.ts); a Worker isolate is short-lived and one of
// many, so its counters would mean nothing to a scraper: there it is a 404 that says where to
// look instead (Workers Logs carries every request line).
import { GatewayError } from '../errors/gateway-error.ts';
import type { GatewayAnswer } from '../http/exchange.ts';

export const METRICS_PATH = '/metrics';

/** A runtime's metrics in Prometheus text exposition format. */
export type MetricsSource = () => Promise<{ contentType: string; text: string }>;

export async function metricsAnswer(source: MetricsSource | undefined): Promise<GatewayAnswer> {
  if (!source) {
    throw new GatewayError(404, 'This runtime serves no /metrics: Prometheus metrics are served by the Node runtime only. On Cloudflare Workers, every request is one line in Workers Logs.');
  }
  const { contentType, text } = await source();
  return { status: 200, headers: { 'content-type': contentType, 'cache-control': 'no-store' }, body: text };
}
