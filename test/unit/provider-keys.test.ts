// A provider's upstream keys: `apiKey` (one or a pool) as written, else each `apiKeyEnv` name
// read from the environment, unset or empty ones skipped; all of them unset is a 500 naming them.
import { describe, expect, it } from 'vitest';
import type { ProviderConfig } from '../../src/config/config-types.ts';
import { providerKeys } from '../../src/config/provider-keys.ts';
import { GatewayError } from '../../src/errors/gateway-error.ts';

const claude = (keys: Pick<ProviderConfig, 'apiKey' | 'apiKeyEnv'>): ProviderConfig => ({ type: 'claude', baseURL: 'https://api.anthropic.com', models: {}, ...keys });
const env = (values: Record<string, string>) => (name: string): string | undefined => (Object.hasOwn(values, name) ? values[name] : undefined);
const NO_ENV = env({});

describe('providerKeys', () => {
  it('one apiKey, or a pool in the order written', () => {
    expect(providerKeys(claude({ apiKey: 'sk-a' }), NO_ENV, 'claude')).toEqual(['sk-a']);
    expect(providerKeys(claude({ apiKey: ['sk-a', 'sk-b'] }), NO_ENV, 'claude')).toEqual(['sk-a', 'sk-b']);
  });

  it('apiKey wins over apiKeyEnv', () => {
    expect(providerKeys(claude({ apiKey: 'sk-a', apiKeyEnv: 'KEY_B' }), env({ KEY_B: 'sk-b' }), 'claude')).toEqual(['sk-a']);
  });

  it('apiKeyEnv names are read in order; unset and empty ones are skipped', () => {
    const keys = providerKeys(claude({ apiKeyEnv: ['KEY_A', 'KEY_B', 'KEY_C', 'KEY_D'] }), env({ KEY_B: 'sk-b', KEY_C: '', KEY_D: 'sk-d' }), 'claude');
    expect(keys).toEqual(['sk-b', 'sk-d']);
  });

  it('an apiKeyEnv that leaves no key is a 500 naming the variables, never a request without a key', () => {
    const run = (apiKeyEnv: string | string[]) => () => providerKeys(claude({ apiKeyEnv }), env({ KEY_A: '' }), 'team');
    expect(run('KEY_A')).toThrow(new GatewayError(500, 'Provider "team" reads its key from KEY_A, which is not set.'));
    expect(run(['KEY_A', 'KEY_B'])).toThrow(/Provider "team" reads its key from KEY_A or KEY_B, which are not set\./);
  });

  it('mock and key-less providers have no keys', () => {
    expect(providerKeys({ type: 'mock', models: {} }, NO_ENV, 'mock')).toEqual([]);
    expect(providerKeys(claude({}), NO_ENV, 'local')).toEqual([]);
    expect(providerKeys(claude({ apiKey: '' }), NO_ENV, 'local')).toEqual([]);
  });
});
