// A provider's upstream keys, in the order written: `apiKey` (one key or a pool), else each
// `apiKeyEnv` name read from the environment / Worker secrets. Read per request rather than
// at load, because on Workers the secrets arrive with each request's env, not with the config.
import { GatewayError } from '../errors/gateway-error.ts';
import type { ProviderConfig } from './config-types.ts';

const list = (value: string | string[] | undefined): string[] => (value === undefined ? [] : typeof value === 'string' ? [value] : value);

/**
 * The keys to try for `provider` (`providerId` names it in the error) (mock and key-less providers: none). An empty key is no key,
 * as it always was (no auth header is sent for it). A pool whose env names are all unset is a
 * 500 naming them: the operator meant a key to be there.
 */
export function providerKeys(provider: ProviderConfig, env: (name: string) => string | undefined, providerId: string): string[] {
  if (provider.type === 'mock') return [];
  if (provider.apiKey !== undefined) return list(provider.apiKey).filter((key) => key !== '');
  const names = list(provider.apiKeyEnv);
  const keys = names.map((name) => env(name)).filter((key): key is string => key !== undefined && key !== '');
  if (names.length > 0 && keys.length === 0) {
    throw new GatewayError(500, `Provider "${providerId}" reads its key from ${names.join(' or ')}, which ${names.length === 1 ? 'is' : 'are'} not set.`);
  }
  return keys;
}
