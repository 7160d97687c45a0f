// What both floor proxies (bench/floor-proxy.ts on Node, bench/floor-worker.ts on workerd) know
// of the gateway's config and its upstreams: which URL, path and auth header the gateway would
// call for a provider. URLs are joined by the gateway's own joinUrl (a pure function, so the
// Worker build bundles it as it is).
export { joinUrl } from '../src/upstream/join-url.ts';

export interface Provider {
  type: 'openai-chat-completions' | 'openai-responses' | 'claude' | 'gemini';
  baseURL: string;
  apiKey?: string;
  models?: Record<string, { upstreamModel?: string }>;
}

/** The upstream's API version and generate path, by provider type (the gateway's protocol tables). */
export const UPSTREAM: Record<Provider['type'], { version: string; path(model: string, stream: boolean): string; auth(key: string): Record<string, string> }> = {
  'openai-chat-completions': { version: 'v1', path: () => '/chat/completions', auth: (key) => ({ authorization: `Bearer ${key}` }) },
  'openai-responses': { version: 'v1', path: () => '/responses', auth: (key) => ({ authorization: `Bearer ${key}` }) },
  claude: { version: 'v1', path: () => '/messages', auth: (key) => ({ 'x-api-key': key, 'anthropic-version': '2023-06-01' }) },
  gemini: {
    version: 'v1beta',
    path: (model, stream) => `/models/${model}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
    auth: (key) => ({ 'x-goog-api-key': key }),
  },
};


/** A Gemini route's model and method (the model is in the path there). */
export const GEMINI_PATH = /^\/gemini\/v1(?:beta)?\/models\/([^/:?]+):(generateContent|streamGenerateContent)/;
