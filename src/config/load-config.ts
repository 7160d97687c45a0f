// Parses and validates the config once per isolate (per distinct config text), not per request.
// Its start-up warnings (configWarnings) go to `warn` on that one parse, so a Worker prints
// them once per isolate and the Node server once at start, not once per request.
import { DEFAULT_CONFIG } from './default-config.ts';
import type { AnyApiConfig } from './config-types.ts';
import { configWarnings } from './config-warnings.ts';
import { parseConfig } from './parse-config.ts';

let cached: { text: string | undefined; config: AnyApiConfig } | undefined;

/** `source` names where `text` came from in errors (default `ANY_API_CONFIG`). */
export function loadConfig(text: string | undefined, warn?: (line: string) => void, source?: string): AnyApiConfig {
  if (cached && cached.text === text) return cached.config;
  const config = text === undefined || text.trim() === '' ? DEFAULT_CONFIG : parseConfig(text, source);
  cached = { text, config };
  if (warn) for (const line of configWarnings(config)) warn(`any-api: ${line}`);
  return config;
}
