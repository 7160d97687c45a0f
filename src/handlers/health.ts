// Probes for orchestrators (Docker HEALTHCHECK, Kubernetes, load balancers), answered before
// auth so a probe needs no key: `/health` says the process serves; `/ready` says it can do its
// work — the config loads and the response store answers.
import { jsonAnswer, type GatewayAnswer } from '../http/exchange.ts';
import type { ResponseStore } from '../store/response-store.ts';

export const HEALTH_PATH = '/health';
export const READY_PATH = '/ready';

export function health(): GatewayAnswer {
  return jsonAnswer({ status: 'ok' });
}

/** 200 when `loadConfig` succeeds and the store (if any) can be read; 503 naming what failed otherwise. */
export async function readiness(loadConfig: () => unknown, store: ResponseStore | undefined): Promise<GatewayAnswer> {
  const checks: Record<string, string> = {};
  try {
    loadConfig();
    checks.config = 'ok';
  } catch (error) {
    checks.config = error instanceof Error ? error.message : 'failed';
  }
  if (store) {
    try {
      await store.get('readiness-probe', 'none');
      checks.store = 'ok';
    } catch (error) {
      checks.store = error instanceof Error ? error.message : 'failed';
    }
  }
  const ready = Object.values(checks).every((value) => value === 'ok');
  return jsonAnswer({ status: ready ? 'ready' : 'not ready', checks }, ready ? 200 : 503);
}
