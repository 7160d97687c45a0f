// The gateway as the Node runtime builds it — undici upstream client, synchronous key digest —
// in one place, so `npm start` and the bench's gateway process cannot drift apart.
import { createApp, type App } from '../../app.ts';
import { nodeKeyDigest } from './key-digest.ts';
import { createNodeUpstream } from './upstream-client.ts';

export interface NodeApp {
  app: App;
  /** Closes the upstream connection pool. */
  close(): Promise<void>;
}

export function createNodeApp(options: { allowUnauthenticated?: boolean } = {}): NodeApp {
  const upstream = createNodeUpstream();
  const app = createApp({ upstream: upstream.client, keyDigest: nodeKeyDigest, allowUnauthenticated: options.allowUnauthenticated ?? false });
  return { app, close: () => upstream.close() };
}
