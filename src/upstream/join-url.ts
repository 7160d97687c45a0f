// Joins a provider baseURL and an API path without ever producing `/v1/v1`: a baseURL may or
// may not end in its version segment (https://api.openai.com vs https://api.openai.com/v1).
const VERSION_SEGMENT = /\/v\d+(?:(?:alpha|beta)\d*)?$/;

/**
 * @param baseURL  configured base, e.g. `https://api.openai.com/v1/` or `https://gw.example/codex`
 * @param version  the segment the API lives under when the base has none, e.g. `v1`, `v1beta`
 * @param path     the API path below the version, starting with `/`, e.g. `/chat/completions`
 */
export function joinUrl(baseURL: string, version: string, path: string): string {
  const base = baseURL.replace(/\/+$/, '');
  const withVersion = VERSION_SEGMENT.test(base) ? base : `${base}/${version}`;
  return `${withVersion}${path}`;
}
