// What every handler gets: the request, its URL, the loaded config and the injected deps.
import type { AnyApiConfig } from '../config/config-types.ts';
import type { FetchLike } from '../upstream/call-upstream.ts';

export interface RequestContext {
  request: Request;
  url: URL;
  config: AnyApiConfig;
  fetch: FetchLike;
  maxBodyBytes: number;
  /** Reads an environment variable / Worker binding (for `apiKeyEnv`). */
  env: (name: string) => string | undefined;
}
