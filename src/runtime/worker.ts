// Cloudflare Workers entry: the gateway on the global fetch, config and keys from bindings.
import { createApp, type GatewayEnv } from '../app.ts';

const app = createApp({ fetch: (request) => fetch(request) });

export default {
  fetch(request: Request, env: GatewayEnv): Promise<Response> {
    return app.fetch(request, env);
  },
};
