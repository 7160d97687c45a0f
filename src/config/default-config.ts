// The configuration used when ANY_API_CONFIG is not set: one in-process `mock` provider, so a
// fresh clone answers every route of every protocol with no network and no keys.
import type { AnyApiConfig } from './config-types.ts';

export const DEFAULT_CONFIG: AnyApiConfig = {
  version: 1,
  providers: {
    mock: {
      type: 'mock',
      models: {
        echo: { upstreamModel: 'mock-echo' },
      },
    },
  },
};
