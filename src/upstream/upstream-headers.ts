// Headers for an upstream call: only that provider type's own auth header, plus what the
// protocol needs. The client's gateway key is never among them.
import type { ProviderType } from '../config/config-types.ts';
import { keptBetas } from './drop-betas.ts';

const ANTHROPIC_VERSION = '2023-06-01';

/** Client headers that carry meaning for a Claude upstream and pass through unchanged. */
const CLAUDE_PASSTHROUGH = ['anthropic-version', 'anthropic-beta'] as const;

export function upstreamHeaders(
  type: ProviderType,
  apiKey: string | undefined,
  clientHeaders: { get(name: string): string | null },
  extra: Record<string, string> | undefined,
  stream: boolean,
  /** Claude: `quirks.dropBetas`, betas not to forward. */
  dropBetas: readonly string[] = [],
): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: stream ? 'text/event-stream' : 'application/json' };
  for (const [name, value] of Object.entries(extra ?? {})) headers[name.toLowerCase()] = value;
  switch (type) {
    case 'openai-chat-completions':
    case 'openai-responses':
      if (apiKey) headers.authorization = `Bearer ${apiKey}`;
      break;
    case 'claude':
      if (apiKey) headers['x-api-key'] = apiKey;
      for (const name of CLAUDE_PASSTHROUGH) {
        const value = name === 'anthropic-beta' ? keptBetas(clientHeaders.get(name), dropBetas) : clientHeaders.get(name);
        if (value) headers[name.toLowerCase()] = value;
      }
      headers['anthropic-version'] ??= ANTHROPIC_VERSION;
      break;
    case 'gemini':
      if (apiKey) headers['x-goog-api-key'] = apiKey;
      break;
    case 'mock':
      break;
  }
  return headers;
}
