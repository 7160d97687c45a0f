// What a dry run may show of a captured upstream request: everything but secrets. The
// providers' auth headers (OpenAI `authorization`, Anthropic `x-api-key`, Gemini
// `x-goog-api-key`) and a `key` query parameter (Gemini's other way to authenticate) become
// "[redacted]", and so does any other header value or URL part that contains the key the
// pool picked — a configured `options.headers` entry may carry it too.
import type { CapturedCall } from './dry-run-captured.ts';

export const REDACTED = '[redacted]';

const SECRET_HEADERS = new Set(['authorization', 'x-api-key', 'x-goog-api-key', 'proxy-authorization']);

export interface ShownUpstream {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

function redactUrl(url: string, apiKey: string | undefined): string {
  const parsed = new URL(url);
  if (parsed.searchParams.has('key')) parsed.searchParams.set('key', REDACTED);
  // URLSearchParams would percent-encode the brackets; shown as written, it reads as what it is.
  let shown = parsed.href.replaceAll(encodeURIComponent(REDACTED), REDACTED);
  if (apiKey) shown = shown.replaceAll(apiKey, REDACTED).replaceAll(encodeURIComponent(apiKey), REDACTED);
  return shown;
}

/** The captured call as shown to the operator: secrets out, the body parsed (it is JSON the gateway wrote). */
export function redactUpstream(call: CapturedCall): ShownUpstream {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(call.headers)) {
    const secret = SECRET_HEADERS.has(name.toLowerCase()) || (call.apiKey !== undefined && call.apiKey !== '' && value.includes(call.apiKey));
    headers[name] = secret ? REDACTED : value;
  }
  let body: unknown = call.body;
  try {
    body = JSON.parse(call.body);
  } catch {
    // Not JSON: shown as the text it is.
  }
  return { method: call.method, url: redactUrl(call.url, call.apiKey), headers, body };
}
