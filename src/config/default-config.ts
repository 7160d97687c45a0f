// The configuration used when ANY_API_CONFIG is not set (Node only; a Worker refuses to serve
// without one), so a fresh clone answers every route of every protocol with no network and no
// keys. `mock` answers in whatever protocol the client speaks (no conversion); each
// `mock-<type>` is a provider of that real type on the in-process mock origin, so its own
// encoder and decoder run: every client protocol against every `mock-<type>` is one of the 16
// protocol pairs, converted through the hub (or passed through when the two are the same).
import { MOCK_BASE_URL } from '../providers/mock/mock-origin.ts';
import type { AnyApiConfig } from './config-types.ts';

const echo = { echo: { upstreamModel: 'mock-echo' } };

export const DEFAULT_CONFIG: AnyApiConfig = {
  version: 1,
  providers: {
    mock: { type: 'mock', models: echo },
    'mock-chat': { type: 'openai-chat-completions', baseURL: MOCK_BASE_URL, models: echo },
    // The mock keeps no stored responses and has no compaction endpoint: the gateway does both.
    'mock-responses': { type: 'openai-responses', baseURL: MOCK_BASE_URL, quirks: { noPreviousResponseId: true, noCompaction: true }, models: echo },
    // Claude requires max_tokens; other protocols' clients often send none (a warning per request otherwise).
    'mock-claude': { type: 'claude', baseURL: MOCK_BASE_URL, models: { echo: { upstreamModel: 'mock-echo', options: { maxTokens: 1024 } } } },
    'mock-gemini': { type: 'gemini', baseURL: MOCK_BASE_URL, models: echo },
  },
};
