// What every handler gets: the request, the loaded config and the injected deps.
import type { AnyApiConfig } from '../config/config-types.ts';
import type { GatewayRequest } from '../http/exchange.ts';
import type { UpstreamClient } from '../upstream/upstream-client.ts';
import type { ResponseStore } from '../store/response-store.ts';
import type { RoutingState } from './attempt-chain.ts';
import type { RequestObservation } from '../observability/observation.ts';
import type { TokenizerLoader } from '../hub/estimate-tokens.ts';

export interface RequestContext {
  request: GatewayRequest;
  config: AnyApiConfig;
  /** How upstreams (and media URLs) are called on this runtime. */
  upstream: UpstreamClient;
  maxBodyBytes: number;
  /** Reads an environment variable / Worker binding (for `apiKeyEnv`). */
  env: (name: string) => string | undefined;
  /** Key cooldowns and conversation bindings, shared by this isolate's requests. */
  routing: RoutingState;
  /** Upstream requests made for this request so far (retries and fallbacks included). */
  attempts: { count: number };
  /** Whose stored responses this request may read and write (the gateway key, digested). */
  owner: string;
  /** The stored-responses store of this runtime, when it has one. */
  store: ResponseStore | undefined;
  /** This request's id (http/request-id.ts): returned to the client, sent upstream. */
  requestId: string;
  /** A dry run (handlers/dry-run.ts): the upstream request is built, captured and not sent. */
  dryRun?: boolean;
  /** What the request log and metrics will say about this request, noted as it is learnt. */
  observation: RequestObservation;
  /** The runtime's o200k tokenizer, for counts no upstream endpoint makes; absent, they are refused. */
  tokenizer?: TokenizerLoader;
}
