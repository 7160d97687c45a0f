// Prometheus metrics for the Node runtime, fed by the same request observer as the log line.
// prom-client: the established Node client, Prometheus-native (text exposition, histograms,
// content type), maintained; it is Node-only, which is fine because /metrics is served by Node
// only (a Worker isolate's counters would be one of many, short-lived, and meaningless to a
// scraper). Imported only under runtime/node/, so it never reaches the Worker bundle.
// Labels stay bounded: `provider` and `model` are the configured target that served (never the
// client's model text, which could be anything), `status` an HTTP status.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { MetricsSource } from '../../handlers/metrics.ts';
import type { RequestObserver, RequestSummary } from '../../observability/request-summary.ts';

export interface PrometheusMetrics {
  observer: RequestObserver;
  source: MetricsSource;
}

/** `provider.model` split on the first dot, as config ids are; '' for a request no target served. */
function target(summary: RequestSummary): { provider: string; model: string } {
  const id = summary.upstream ?? '';
  const dot = id.indexOf('.');
  return dot < 0 ? { provider: id, model: '' } : { provider: id.slice(0, dot), model: id.slice(dot + 1) };
}

export function prometheusMetrics(): PrometheusMetrics {
  // An own registry, not the process-global default: two apps in one process (tests) never collide.
  const registry = new Registry();
  const registers = [registry];
  const requestLabels = ['inbound', 'provider', 'model', 'status'] as const;
  const requests = new Counter({ name: 'anyapi_requests_total', help: 'Requests answered, by inbound protocol, serving target and HTTP status.', labelNames: requestLabels, registers });
  const duration = new Histogram({
    name: 'anyapi_request_duration_seconds',
    help: 'Request duration (streams: until the stream ended), by inbound protocol, serving target and HTTP status.',
    labelNames: requestLabels,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
    registers,
  });
  const overhead = new Histogram({
    name: 'anyapi_gateway_overhead_seconds',
    help: 'Request duration minus the time spent waiting on upstreams: what the gateway itself cost.',
    labelNames: ['inbound'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers,
  });
  const attempts = new Counter({ name: 'anyapi_upstream_attempts_total', help: 'Upstream requests made (retries and fallbacks included), by provider of the serving target.', labelNames: ['provider'] as const, registers });
  const errors = new Counter({ name: 'anyapi_upstream_errors_total', help: 'Failed upstream attempts, by provider and cause (a network cause such as ECONNREFUSED or timeout, or http_<status>).', labelNames: ['provider', 'cause'] as const, registers });
  const tokens = new Counter({ name: 'anyapi_tokens_total', help: 'Tokens reported by upstreams, by serving target and kind (input includes cache reads and writes; output includes reasoning).', labelNames: ['provider', 'model', 'kind'] as const, registers });
  const openStreams = new Gauge({ name: 'anyapi_open_streams', help: 'Streamed answers in progress.', registers });

  const observer: RequestObserver = {
    requestDone(summary) {
      const { provider, model } = target(summary);
      const labels = { inbound: summary.inbound, provider, model, status: String(summary.status) };
      requests.inc(labels);
      duration.observe(labels, summary.durationMs / 1000);
      overhead.observe({ inbound: summary.inbound }, summary.overheadMs / 1000);
      if (summary.attempts > 0) attempts.inc({ provider }, summary.attempts);
      const usage = summary.usage;
      if (usage) {
        tokens.inc({ provider, model, kind: 'input' }, usage.input);
        tokens.inc({ provider, model, kind: 'output' }, usage.output);
        tokens.inc({ provider, model, kind: 'cache_read' }, usage.cacheRead ?? 0);
        tokens.inc({ provider, model, kind: 'cache_write' }, usage.cacheWrite ?? 0);
        tokens.inc({ provider, model, kind: 'reasoning' }, usage.reasoning ?? 0);
      }
    },
    upstreamFailed(problem) {
      errors.inc({ provider: problem.provider, cause: problem.cause ?? (problem.status === undefined ? 'unknown' : `http_${problem.status}`) });
    },
    streamOpened: () => openStreams.inc(),
    streamClosed: () => openStreams.dec(),
  };
  return {
    observer,
    source: async () => ({ contentType: registry.contentType, text: await registry.metrics() }),
  };
}
