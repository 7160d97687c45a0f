// The gateway as the Node runtime builds it — undici upstream client, synchronous key digest —
// in one place, so `npm start` and the bench's gateway process cannot drift apart.
import { createApp, type App } from '../../app.ts';
import { nodeKeyDigest } from './key-digest.ts';
import { storeLimitsFromEnv } from '../../store/response-store.ts';
import { sqliteResponseStoreFromEnv } from './sqlite-response-store.ts';
import { createNodeUpstream } from './upstream-client.ts';
import { prometheusMetrics } from './prometheus-metrics.ts';
import { requestLogFromEnv } from '../../observability/request-log.ts';
import { observers } from '../../observability/request-summary.ts';
import { nodeO200kTokenizer } from './o200k-tokenizer.ts';
import { writeStdoutLine } from './stdout-lines.ts';

export interface NodeApp {
  app: App;
  /** Closes the upstream connection pool and the response store. */
  close(): Promise<void>;
}

export function createNodeApp(options: { allowUnauthenticated?: boolean } = {}): NodeApp {
  const upstream = createNodeUpstream();
  // The SQLite file (ANY_API_STORE) is opened on the first stored response, not here.
  const store = sqliteResponseStoreFromEnv(process.env, storeLimitsFromEnv(process.env));
  // One line per request on stdout (LOG_LEVEL, LOG_FORMAT), and the counters behind GET /metrics.
  const metrics = prometheusMetrics();
  const observer = observers(requestLogFromEnv(process.env, writeStdoutLine), metrics.observer);
  const app = createApp({
    upstream: upstream.client,
    keyDigest: nodeKeyDigest,
    allowUnauthenticated: options.allowUnauthenticated ?? false,
    responseStore: () => store,
    observer: () => observer,
    metrics: metrics.source,
    tokenizer: nodeO200kTokenizer,
  });
  return {
    app,
    close: async () => {
      await upstream.close();
      store.close();
    },
  };
}
