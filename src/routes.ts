// Every route the gateway serves, as data: method, path pattern (itty-router syntax) and
// handler. Errors answer in the envelope protocolForPath() picks for the path.
import { GatewayError } from './errors/gateway-error.ts';
import { handleCompact } from './handlers/compaction.ts';
import { handleGenerate } from './handlers/handle-generate.ts';
import { deleteStoredResponse, getStoredResponse, listInputItems } from './handlers/stored-responses.ts';
import type { GatewayAnswer } from './http/exchange.ts';
import { claudeModelList, geminiModelGet, geminiModelList, openaiModelList } from './handlers/list-models.ts';
import type { RequestContext } from './handlers/request-context.ts';
import type { ProtocolId } from './protocols/protocol-id.ts';
import { STATUS_INFO_PATH, statusInfo } from './status/status-info.ts';

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  handle(ctx: RequestContext, params: Record<string, string>): Promise<GatewayAnswer> | GatewayAnswer;
}

const GEMINI_METHODS = {
  generateContent: { operation: 'generate', stream: false },
  streamGenerateContent: { operation: 'generate', stream: true },
  countTokens: { operation: 'count-tokens', stream: false },
} as const;

type GeminiMethod = keyof typeof GEMINI_METHODS;

/** Own keys only: the method is client text, and `constructor` or `__proto__` must not find Object.prototype members. */
function isGeminiMethod(method: string): method is GeminiMethod {
  return Object.hasOwn(GEMINI_METHODS, method);
}

/** The `{provider.model}:method` path segment, percent-decoded; a malformed escape is the client's error. */
function decodeTarget(target: string | undefined): string {
  try {
    return decodeURIComponent(target ?? '');
  } catch {
    throw new GatewayError(400, 'The model in the URL path is not valid percent-encoding (each % must start a UTF-8 byte escape such as %2E).');
  }
}

/** `up.model-1:streamGenerateContent` → model and method, split on the LAST colon. */
function geminiCall(ctx: RequestContext, target: string): Promise<GatewayAnswer> {
  const colon = target.lastIndexOf(':');
  const method = colon < 0 ? '' : target.slice(colon + 1);
  const call = isGeminiMethod(method) ? GEMINI_METHODS[method] : undefined;
  if (!call) {
    throw new GatewayError(404, `Unknown Gemini method "${method}"; use :generateContent, :streamGenerateContent or :countTokens.`);
  }
  return handleGenerate(ctx, 'gemini', call.operation, { pathModel: target.slice(0, colon), pathStream: call.stream });
}

export const ROUTES: readonly Route[] = [
  { method: 'POST', path: '/v1/chat/completions', handle: (ctx) => handleGenerate(ctx, 'openai-chat-completions', 'generate') },
  // opencode and other clients configured with base `…/openai/v1` call chat here.
  { method: 'POST', path: '/openai/v1/chat/completions', handle: (ctx) => handleGenerate(ctx, 'openai-chat-completions', 'generate') },
  // Also without a prefix: an OpenAI SDK with baseURL `…/v1` calls /v1/responses, and an
  // Anthropic SDK or Claude Code with the bare host as base URL calls /v1/messages.
  ...['/openai/v1', '/v1'].flatMap((base): Route[] => [
    { method: 'POST', path: `${base}/responses`, handle: (ctx) => handleGenerate(ctx, 'openai-responses', 'generate') },
    { method: 'POST', path: `${base}/responses/input_tokens`, handle: (ctx) => handleGenerate(ctx, 'openai-responses', 'count-tokens') },
    { method: 'POST', path: `${base}/responses/compact`, handle: (ctx) => handleCompact(ctx) },
    // Stored responses (handlers/stored-responses.ts); `input_tokens` and `compact` above are POSTs, so no clash.
    { method: 'GET', path: `${base}/responses/:id`, handle: (ctx, params) => getStoredResponse(ctx, params.id ?? '') },
    { method: 'DELETE', path: `${base}/responses/:id`, handle: (ctx, params) => deleteStoredResponse(ctx, params.id ?? '') },
    { method: 'GET', path: `${base}/responses/:id/input_items`, handle: (ctx, params) => listInputItems(ctx, params.id ?? '') },
  ]),
  ...['/claude/v1', '/v1'].flatMap((base): Route[] => [
    { method: 'POST', path: `${base}/messages`, handle: (ctx) => handleGenerate(ctx, 'claude', 'generate') },
    { method: 'POST', path: `${base}/messages/count_tokens`, handle: (ctx) => handleGenerate(ctx, 'claude', 'count-tokens') },
  ]),
  // What the status page (GET /) shows; keyed like the model lists, which name the same models.
  { method: 'GET', path: STATUS_INFO_PATH, handle: (ctx) => statusInfo(ctx.config, ROUTES) },
  { method: 'GET', path: '/v1/models', handle: (ctx) => openaiModelList(ctx.config) },
  { method: 'GET', path: '/openai/v1/models', handle: (ctx) => openaiModelList(ctx.config) },
  { method: 'GET', path: '/claude/v1/models', handle: (ctx) => claudeModelList(ctx.config) },
  // @google/genai 3.x calls v1 by default, Gemini CLI and older SDKs v1beta: serve both.
  ...['v1beta', 'v1'].flatMap((version): Route[] => [
    { method: 'POST', path: `/gemini/${version}/models/:target`, handle: (ctx, p) => geminiCall(ctx, decodeTarget(p.target)) },
    { method: 'GET', path: `/gemini/${version}/models`, handle: (ctx) => geminiModelList(ctx.config) },
    { method: 'GET', path: `/gemini/${version}/models/:target`, handle: (ctx, p) => geminiModelGet(ctx.config, decodeTarget(p.target)) },
  ]),
];

/** The protocol whose envelope an error on this path is rendered in (before a route matched). */
export function protocolForPath(pathname: string): ProtocolId {
  if (pathname.startsWith('/claude/') || pathname.startsWith('/v1/messages')) return 'claude';
  if (pathname.startsWith('/gemini/')) return 'gemini';
  if (pathname.startsWith('/openai/v1/responses') || pathname.startsWith('/v1/responses')) return 'openai-responses';
  return 'openai-chat-completions';
}
