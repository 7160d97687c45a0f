// What makes a config that parses unusable for a long-running server, checked once at start on
// Node: no provider at all, or a provider whose key variables are all unset. A Worker cannot
// check keys this early (its secrets arrive with each request), so there the same key rule
// answers per request with a 500 (provider-keys.ts) — one rule, read in both places.
import { GatewayError } from '../errors/gateway-error.ts';
import type { AnyApiConfig } from './config-types.ts';
import { providerKeys } from './provider-keys.ts';

/** The first reason `config` cannot serve, as one sentence; undefined when it can. */
export function startupProblem(config: AnyApiConfig, env: (name: string) => string | undefined): string | undefined {
  const providers = Object.entries(config.providers);
  if (providers.length === 0) return 'the config has no providers: add at least one under "providers"';
  for (const [id, provider] of providers) {
    try {
      providerKeys(provider, env, id);
    } catch (error) {
      if (error instanceof GatewayError) return error.message;
      throw error;
    }
  }
  return undefined;
}
