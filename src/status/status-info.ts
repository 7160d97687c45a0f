// GET /_any-api/status: what the status page shows — the version, every provider with its
// models, the aliases and the routes. Names only: no key, no key variable, no base URL (a URL
// can carry a credential in its query or user part). Authenticated like /v1/models, which
// lists the same models.
import type { AnyApiConfig } from '../config/config-types.ts';
import { targetList } from '../config/alias-targets.ts';
import { jsonAnswer, type GatewayAnswer } from '../http/exchange.ts';
import { VERSION } from './version.ts';
import { DRY_RUN_PATH } from '../handlers/dry-run-captured.ts';
import { HEALTH_PATH, READY_PATH } from '../handlers/health.ts';
import { STATUS_PAGE_PATH } from './status-page.ts';

export const STATUS_INFO_PATH = '/_any-api/status';

export interface ListedRoute {
  method: string;
  path: string;
}

/** Served by app.ts itself rather than the route table: the probes and the page before auth, the dry run through the router. */
const OWN_ROUTES: readonly ListedRoute[] = [
  { method: 'GET', path: STATUS_PAGE_PATH },
  { method: 'GET', path: STATUS_INFO_PATH },
  { method: 'POST', path: DRY_RUN_PATH },
  { method: 'GET', path: HEALTH_PATH },
  { method: 'GET', path: READY_PATH },
];

export function statusInfo(config: AnyApiConfig, routes: readonly ListedRoute[]): GatewayAnswer {
  const providers = Object.entries(config.providers).map(([id, provider]) => ({
    id,
    type: provider.type,
    models: Object.entries(provider.models).map(([name, model]) => ({ id: `${id}.${name}`, upstreamModel: model.upstreamModel })),
  }));
  const aliases = Object.entries(config.aliases ?? {}).map(([name, target]) => ({ name, targets: targetList(target) }));
  return jsonAnswer({ version: VERSION, providers, aliases, routes: [...OWN_ROUTES, ...routes.filter((r) => r.path !== STATUS_INFO_PATH)].map(({ method, path }) => ({ method, path })) }, 200, { 'cache-control': 'no-store' });
}
