// Parses and validates the config once per isolate (per distinct config text), not per request.
import { DEFAULT_CONFIG } from './default-config.ts';
import type { AnyApiConfig } from './config-types.ts';
import { parseConfig } from './parse-config.ts';

let cached: { text: string | undefined; config: AnyApiConfig } | undefined;

export function loadConfig(text: string | undefined): AnyApiConfig {
  if (cached && cached.text === text) return cached.config;
  const config = text === undefined || text.trim() === '' ? DEFAULT_CONFIG : parseConfig(text);
  cached = { text, config };
  return config;
}
