// Parses and validates the config once per isolate (per distinct config text), not per request.
// Its start-up warnings (configWarnings) go to `warn` on that one parse, so a Worker prints
// them once per isolate and the Node server once at start, not once per request.
import { DEFAULT_CONFIG } from './default-config.ts';
import type { AnyApiConfig } from './config-types.ts';
import { configWarnings } from './config-warnings.ts';
import { MissingConfigError } from './missing-config-error.ts';
import { parseConfig } from './parse-config.ts';

let cached: { text: string | undefined; config: AnyApiConfig } | undefined;

/** Whether a config text was given at all (blank counts as unset, as an empty env var does). */
export function isConfigSet(text: string | undefined): text is string {
  return text !== undefined && text.trim() !== '';
}

/**
 * The config `text` describes; without one, the embedded default when `embeddedDefault` (Node),
 * else a MissingConfigError (a Worker: it has nothing to serve). `source` names where `text`
 * came from in errors (default `ANY_API_CONFIG`).
 */
export function loadConfig(text: string | undefined, warn?: (line: string) => void, embeddedDefault = true, source?: string): AnyApiConfig {
  if (!isConfigSet(text) && !embeddedDefault) throw new MissingConfigError();
  if (cached && cached.text === text) return cached.config;
  const config = isConfigSet(text) ? parseConfig(text, source) : DEFAULT_CONFIG;
  cached = { text, config };
  if (warn) for (const line of configWarnings(config)) warn(`any-api: ${line}`);
  return config;
}
