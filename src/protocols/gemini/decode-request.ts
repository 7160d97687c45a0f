// Inbound: a (validated) GenerateContentRequest → hub request. The model and the stream flag come
// from the URL (`models/{model}:generateContent` | `:streamGenerateContent`).
// https://ai.google.dev/api/generate-content#request-body
import type { Schemas } from '../../../generated/gemini/index.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import type { HubText } from '../../hub/hub-content.ts';
import type { HubRequest } from '../../hub/hub-request.ts';
import type { Warnings } from '../../hub/warnings.ts';
import type { RequestTarget } from '../protocol.ts';
import { ownEntry } from '../read-json.ts';
import { decodeContents } from './decode-contents.ts';
import { decodeGenerationConfig } from './convert-generation-config.ts';
import { decodeToolChoice, decodeTools } from './convert-tools.ts';
import { normalizeKeys } from './normalize-keys.ts';
import { gemini } from './protocol.ts';

type Request = Schemas['GenerateContentRequest'];

/** Request fields with no twin on other upstreams. */
const DROPPED: Partial<Record<keyof Request, string>> = {
  safetySettings: 'safety thresholds exist only in Gemini',
  cachedContent: 'a Gemini cachedContents resource cannot be used elsewhere; its content is not in the request',
  serviceTier: 'service tiers are upstream-specific',
  store: 'request logging is upstream-specific',
  model: 'the model comes from the URL path',
};
const READ = new Set(['contents', 'systemInstruction', 'tools', 'toolConfig', 'generationConfig']);

function systemOf(instruction: Request['systemInstruction'], warnings: Warnings): HubText[] {
  const parts = instruction?.parts ?? [];
  if (parts.some((p) => p.text === undefined)) warnings.drop('systemInstruction non-text parts', 'a system prompt holds text only');
  return parts.flatMap((p) => (p.text !== undefined ? [{ type: 'text' as const, text: p.text }] : []));
}

/**
 * The handler validated the body as written, where snake_case keys pass unchecked as extra
 * properties; checking again after renaming them keeps a bad `generation_config` a 400, not a crash.
 */
function normalized(raw: Record<string, unknown>): Request {
  const result = gemini.validators.generate(normalizeKeys(raw));
  if (result.ok) return result.value as Request;
  const issues = result.issues.map((issue) => `${issue.path || '/'}: ${issue.message}`).join('; ');
  throw new GatewayError(400, `Invalid request body (snake_case keys read as camelCase): ${issues}`);
}

export function decodeRequest(raw: Record<string, unknown>, target: RequestTarget, warnings: Warnings): HubRequest {
  const body = normalized(raw);
  for (const key of Object.keys(body)) {
    const why = ownEntry(DROPPED, key);
    if (why) warnings.drop(key, why);
    else if (!READ.has(key)) warnings.drop(key, 'unknown to the gateway; not forwarded');
  }
  const { functionCallingConfig, ...otherToolConfig } = body.toolConfig ?? {};
  for (const key of Object.keys(otherToolConfig)) warnings.drop(`toolConfig.${key}`, 'no twin outside Gemini');
  const tools = decodeTools(body.tools, warnings);
  const toolChoice = decodeToolChoice(functionCallingConfig, tools, warnings);
  return {
    model: target.pathModel ?? '',
    system: systemOf(body.systemInstruction, warnings),
    items: decodeContents(body.contents ?? [], warnings),
    tools,
    ...(toolChoice ? { toolChoice } : {}),
    ...decodeGenerationConfig(body.generationConfig, warnings),
    stream: target.pathStream === true,
  };
}
