// Prometheus metrics for the Node runtime, fed by the same request observer as the log line.
// prom-client: the established Node client, Prometheus-native (text exposition, histograms,
// content type), maintained; it is Node-only, which is fine because /metrics is served by Node
// only (a Worker isolate's counters would be one of many, short-lived, and meaningless to a
// scraper). Imported only under runtime/node/, so it never reaches the Worker bundle.
// Labels stay bounded: `provider` and `model` are the configured target that served (never the
// client's model text, which could be anything), `status` an HTTP status.
import { Gauge, Registry, type Counter } from 'prom-client';
import { counterFamily, histogramFamily, type CounterSeries, type HistogramSeries } from './metric-families.ts';
import type { MetricsSource } from '../../handlers/metrics.ts';
import type { RequestObserver } from '../../observability/request-summary.ts';

export interface PrometheusMetrics {
  observer: RequestObserver;
  source: MetricsSource;
}

/** `provider.model` split on the first dot, as config ids are; '' for a request no target served. */
function target(id: string): { provider: string; model: string } {
  const dot = id.indexOf('.');
  return dot < 0 ? { provider: id, model: '' } : { provider: id.slice(0, dot), model: id.slice(dot + 1) };
}

/** The series one request updates, looked up once per (inbound, target, status). */
interface RequestSeries {
  requests: CounterSeries;
  duration: HistogramSeries;
  attempts: CounterSeries;
  tokens: Record<'input' | 'output' | 'cache_read' | 'cache_write' | 'reasoning', CounterSeries>;
}

export function prometheusMetrics(): PrometheusMetrics {
  // An own registry, not the process-global default: two apps in one process (tests) never collide.
  const registry = new Registry();
  const requestLabels = ['inbound', 'provider', 'model', 'status'];
  const requests = counterFamily('anyapi_requests_total', 'Requests answered, by inbound protocol, serving target and HTTP status.', requestLabels);
  const duration = histogramFamily('anyapi_request_duration_seconds', 'Request duration (streams: until the stream ended), by inbound protocol, serving target and HTTP status.', requestLabels, [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600]);
  const overhead = histogramFamily('anyapi_gateway_overhead_seconds', 'Request duration minus the time spent waiting on upstreams: what the gateway itself cost.', ['inbound'], [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1]);
  const attempts = counterFamily('anyapi_upstream_attempts_total', 'Upstream requests made (retries and fallbacks included), by provider of the serving target.', ['provider']);
  const errors = counterFamily('anyapi_upstream_errors_total', 'Failed upstream attempts, by provider and cause (a network cause such as ECONNREFUSED or timeout, or http_<status>).', ['provider', 'cause']);
  const tokens = counterFamily('anyapi_tokens_total', 'Tokens reported by upstreams, by serving target and kind (input includes cache reads and writes; output includes reasoning).', ['provider', 'model', 'kind']);
  // The Registry reads a metric through its `name` and `get()` only; our families have both (metric-families.ts).
  for (const family of [requests, duration, overhead, attempts, errors, tokens]) registry.registerMetric(family as unknown as Counter);
  const openStreams = new Gauge({ name: 'anyapi_open_streams', help: 'Streamed answers in progress.', registers: [registry] });

  const seriesByKey = new Map<string, RequestSeries>();
  function requestSeries(inbound: string, upstream: string, status: number): RequestSeries {
    const key = `${inbound} ${upstream} ${status}`;
    let series = seriesByKey.get(key);
    if (!series) {
      const { provider, model } = target(upstream);
      const labels = [inbound, provider, model, String(status)];
      const kind = (k: string) => tokens.series([provider, model, k]);
      series = {
        requests: requests.series(labels),
        duration: duration.series(labels),
        attempts: attempts.series([provider]),
        tokens: { input: kind('input'), output: kind('output'), cache_read: kind('cache_read'), cache_write: kind('cache_write'), reasoning: kind('reasoning') },
      };
      seriesByKey.set(key, series);
    }
    return series;
  }

  const observer: RequestObserver = {
    requestDone(summary) {
      const series = requestSeries(summary.inbound, summary.upstream ?? '', summary.status);
      series.requests.value += 1;
      series.duration.observe(summary.durationMs / 1000);
      overhead.series([summary.inbound]).observe(summary.overheadMs / 1000);
      if (summary.attempts > 0) series.attempts.value += summary.attempts;
      const usage = summary.usage;
      if (usage) {
        const t = series.tokens;
        t.input.value += usage.input;
        t.output.value += usage.output;
        t.cache_read.value += usage.cacheRead ?? 0;
        t.cache_write.value += usage.cacheWrite ?? 0;
        t.reasoning.value += usage.reasoning ?? 0;
      }
    },
    upstreamFailed(problem) {
      errors.series([problem.provider, problem.cause ?? (problem.status === undefined ? 'unknown' : `http_${problem.status}`)]).value += 1;
    },
    streamOpened: () => openStreams.inc(),
    streamClosed: () => openStreams.dec(),
  };
  return {
    observer,
    source: async () => ({ contentType: registry.contentType, text: await registry.metrics() }),
  };
}
