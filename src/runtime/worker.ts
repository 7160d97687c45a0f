// Cloudflare Workers entry: the gateway behind the platform's fetch handler, config and keys
// from bindings.
import { createApp, type GatewayEnv } from '../app.ts';

// wrangler looks for a Durable Object class among the main module's exports.
export { ResponsesStore } from './worker/responses-store.ts';

// No upstream client of its own: the Worker calls upstreams with the platform fetch.
const app = createApp({});

export default {
  fetch(request: Request, env: GatewayEnv): Promise<Response> {
    return app.fetch(request, env);
  },
};
