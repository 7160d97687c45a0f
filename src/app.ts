// The gateway as one handler, the same on Workers and Node: a runtime-neutral request in, an
// answer out (http/exchange.ts); CORS preflight → auth → config → route (itty-router) →
// handler; errors rendered once, in the envelope of the protocol the path belongs to.
// `fetch` is the same handler behind a Web Request/Response (Workers, tests).
import { Router, type IRequest } from 'itty-router';
import { ANONYMOUS_OWNER, authenticate, loadAuthKeys } from './auth/authenticate.ts';
import type { KeyDigest } from './auth/constant-time-equal.ts';
import { ConfigError } from './config/config-error.ts';
import type { AnyApiConfig } from './config/config-types.ts';
import { isConfigSet, loadConfig } from './config/load-config.ts';
import { MissingConfigError } from './config/missing-config-error.ts';
import { GatewayError } from './errors/gateway-error.ts';
import { renderError } from './errors/render-error.ts';
import type { RoutingState } from './handlers/attempt-chain.ts';
import type { RequestContext } from './handlers/request-context.ts';
import { Affinity } from './routing/affinity.ts';
import { KeyPools } from './routing/key-pool.ts';
import { health, HEALTH_PATH, READY_PATH, readiness } from './handlers/health.ts';
import { preflight, withCors } from './http/cors.ts';
import { REQUEST_ID_HEADER, requestIdOf } from './http/request-id.ts';
import type { GatewayAnswer, GatewayRequest } from './http/exchange.ts';
import { fromWebRequest, toWebResponse } from './http/web-exchange.ts';
import { DEFAULT_MAX_BODY_BYTES } from './http/read-json-body.ts';
import { ROUTES, protocolForPath } from './routes.ts';
import { DRY_RUN_PATH, dryRun } from './handlers/dry-run.ts';
import { STATUS_PAGE_PATH, statusPage } from './status/status-page.ts';
import { STATUS_SCRIPT_PATH, statusScript } from './status/status-script.ts';
import type { ResponseStore } from './store/response-store.ts';
import { fetchClient, type FetchLike, type UpstreamClient } from './upstream/upstream-client.ts';
import { isAnswerStream } from './http/exchange.ts';
import { METRICS_PATH, metricsAnswer, type MetricsSource } from './handlers/metrics.ts';
import { RequestObservation } from './observability/observation.ts';
import type { RequestObserver } from './observability/request-summary.ts';
import type { TokenizerLoader } from './hub/estimate-tokens.ts';

/** Worker bindings / process environment the gateway reads. */
export interface GatewayEnv {
  ANY_API_CONFIG?: string;
  WORKER_AUTH_KEY?: string;
  WORKER_AUTH_KEYS?: string;
  MAX_BODY_BYTES?: string;
  [name: string]: unknown;
}

export interface AppDeps {
  /** A runtime's own upstream client (Node: undici). Without one, upstreams are called with `fetch`. */
  upstream?: UpstreamClient;
  /** Upstream fetch when there is no `upstream` client (default: the global fetch; injectable in tests). */
  fetch?: FetchLike;
  /**
   * Serve without a gateway key when none is configured. Only the Node runtime sets this, and
   * only when bound to a loopback interface; a Worker without a key refuses every request.
   */
  allowUnauthenticated?: boolean;
  /** The runtime's SHA-256 for offered keys (Node: synchronous `crypto`); default Web Crypto. */
  keyDigest?: KeyDigest;
  /**
   * Where Responses turns are kept (Node: a SQLite file; Workers: the RESPONSES Durable
   * Object). Without one, `previous_response_id` and `item_reference` cannot be honoured.
   */
  responseStore?: (env: GatewayEnv) => ResponseStore | undefined;
  /**
   * Refuse to serve without ANY_API_CONFIG instead of falling back to the embedded default (the
   * in-process mocks). The Worker sets this: a deployment whose config binding is missing must
   * say so on every request, never answer from mocks as if it worked.
   */
  requireConfig?: boolean;
  /**
   * Who is told when each request is over (and when streams open and close): each runtime's
   * entry passes the request log (observability/request-log.ts), Node also its metrics.
   * Without one (tests), nothing is logged per request.
   */
  observer?: (env: GatewayEnv) => RequestObserver | undefined;
  /** GET /metrics (Node: prom-client). Without one, /metrics is a 404. */
  metrics?: MetricsSource;
  /**
   * The o200k tokenizer for count_tokens an upstream cannot count (OpenAI Chat). Each runtime
   * loads it its own way (runtime/node, runtime/worker); without one, such counts answer 501.
   */
  tokenizer?: TokenizerLoader;
}

export interface App {
  handle(request: GatewayRequest, env: GatewayEnv): Promise<GatewayAnswer>;
  fetch(request: Request, env: GatewayEnv): Promise<Response>;
}

function stringEnv(env: GatewayEnv, name: string): string | undefined {
  const value = env[name];
  return typeof value === 'string' ? value : undefined;
}

const misconfigured = (error: ConfigError | MissingConfigError) => new GatewayError(500, `The gateway is misconfigured. ${error.message}`);

function configOf(env: GatewayEnv, embeddedDefault: boolean): AnyApiConfig {
  try {
    return loadConfig(env.ANY_API_CONFIG, (line) => console.warn(line), embeddedDefault);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof MissingConfigError) throw misconfigured(error);
    throw error;
  }
}

const QUIET_GET_PATHS = new Set([HEALTH_PATH, READY_PATH, METRICS_PATH, STATUS_PAGE_PATH, STATUS_SCRIPT_PATH]);

export function createApp(deps: AppDeps): App {
  const embeddedDefault = deps.requireConfig !== true;
  const upstream = deps.upstream ?? fetchClient(deps.fetch ?? ((request) => fetch(request)));
  // Per app instance (a Node process, a Worker isolate): key cooldowns and session affinity.
  const routing: RoutingState = { pools: new KeyPools(), affinity: new Affinity() };
  // itty-router reads only `method` and `url` (a string) of what it routes, plus the params it adds.
  const router = Router<IRequest, [RequestContext]>();
  for (const route of ROUTES) {
    const method = { GET: router.get, POST: router.post, DELETE: router.delete }[route.method];
    method(route.path, (request: IRequest, ctx: RequestContext) => {
      ctx.observation.route = route.path;
      return route.handle(ctx, request.params);
    });
  }
  // The dry run sends the request it is given through this same router (handlers/dry-run.ts).
  router.post(DRY_RUN_PATH, (_request: IRequest, ctx: RequestContext) => dryRun(ctx, (inner) => router.fetch({ method: 'POST', url: inner.request.url.href } as IRequest, inner) as Promise<GatewayAnswer>));
  router.all('*', (request: IRequest) => {
    const { pathname } = new URL(request.url);
    const allowed = ROUTES.filter((r) => router.routes.some(([m, regex]) => m === r.method && regex.test(pathname))).map((r) => r.method);
    if (allowed.length > 0) {
      throw new GatewayError(405, `Method ${request.method} is not allowed on ${pathname}; use ${[...new Set(allowed)].join(', ')}.`, { headers: { allow: [...new Set(allowed)].join(', ') } });
    }
    throw new GatewayError(404, `No route for ${request.method} ${pathname}. See the README for the routes any-api serves.`);
  });

  async function handle(request: GatewayRequest, env: GatewayEnv): Promise<GatewayAnswer> {
    const startedAt = Date.now();
    const requestId = requestIdOf(request.headers.get(REQUEST_ID_HEADER));
    // Probes, scrapes, preflights and the status page's static files are not requests anyone
    // reads a line about: they would drown the log (a probe every few seconds) and skew the metrics.
    const { method, url } = request;
    const quiet = method === 'OPTIONS' || (method === 'GET' && QUIET_GET_PATHS.has(url.pathname));
    const attempts = { count: 0 };
    const observation = new RequestObservation({
      requestId,
      inbound: protocolForPath(url.pathname),
      startedAt,
      observer: quiet ? undefined : deps.observer?.(env),
      attempts: () => attempts.count,
      aborted: () => request.signal.aborted,
    });
    const answer = await answerOf(request, env, requestId, observation, attempts);
    // Last, so it wins over a relayed upstream's own id (which stays as x-upstream-request-id).
    answer.headers[REQUEST_ID_HEADER] = requestId;
    observation.answered(answer.status, isAnswerStream(answer.body));
    return answer;
  }

  async function answerOf(request: GatewayRequest, env: GatewayEnv, requestId: string, observation: RequestObservation, attempts: { count: number }): Promise<GatewayAnswer> {
    if (request.method === 'OPTIONS') return preflight(request);
    const { url } = request;
    if (request.method === 'GET' && url.pathname === HEALTH_PATH) return health();
    // The status page and its script hold no config and no secret: served without a key.
    if (request.method === 'GET' && url.pathname === STATUS_PAGE_PATH) return statusPage();
    if (request.method === 'GET' && url.pathname === STATUS_SCRIPT_PATH) return statusScript();
    if (request.method === 'GET' && url.pathname === READY_PATH) return readiness(() => loadConfig(env.ANY_API_CONFIG, undefined, embeddedDefault), deps.responseStore?.(env));
    const metricsScrape = request.method === 'GET' && url.pathname === METRICS_PATH;
    try {
      // Before auth: with no config there is nothing to protect, and whoever calls (the operator
      // checking a fresh deploy, first of all) learns only which setting is missing.
      if (!embeddedDefault && !isConfigSet(env.ANY_API_CONFIG)) throw misconfigured(new MissingConfigError());
      // METRICS_PUBLIC=1 opens /metrics to a scraper that holds no gateway key (a private network).
      if (metricsScrape && stringEnv(env, 'METRICS_PUBLIC') === '1') return await metricsAnswer(deps.metrics);
      const keys = await loadAuthKeys(stringEnv(env, 'WORKER_AUTH_KEY'), stringEnv(env, 'WORKER_AUTH_KEYS'));
      let owner = ANONYMOUS_OWNER;
      if (keys.digests.length > 0) owner = await authenticate(request, keys, deps.keyDigest);
      else if (!deps.allowUnauthenticated) {
        throw new GatewayError(401, 'The gateway has no WORKER_AUTH_KEY or WORKER_AUTH_KEYS configured, so it refuses every request.');
      }
      if (metricsScrape) return await metricsAnswer(deps.metrics);
      const maxBodyBytes = Number(stringEnv(env, 'MAX_BODY_BYTES')) || DEFAULT_MAX_BODY_BYTES;
      const ctx: RequestContext = { request, config: configOf(env, embeddedDefault), upstream, maxBodyBytes, env: (name) => stringEnv(env, name), routing, attempts, owner, store: deps.responseStore?.(env), requestId, observation, tokenizer: deps.tokenizer };
      const answer = (await router.fetch({ method: request.method, url: url.href } as IRequest, ctx)) as GatewayAnswer | undefined;
      if (answer === undefined) throw new Error('route returned no answer');
      return withCors(answer);
    } catch (error) {
      return withCors(renderError(protocolForPath(url.pathname), error));
    }
  }

  return {
    handle,
    fetch: async (request, env) => toWebResponse(await handle(fromWebRequest(request), env)),
  };
}
