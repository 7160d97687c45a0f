// Upstream: hub request → GenerateContentRequest body. The model and the stream flag go in the
// URL (see protocol.ts `upstreamPath`), never in the body.
// https://ai.google.dev/api/generate-content#request-body
import type { Schemas } from '../../../generated/gemini/index.ts';
import type { HubText } from '../../hub/hub-content.ts';
import type { HubRequest } from '../../hub/hub-request.ts';
import { orderToolResults } from '../../hub/order-tool-results.ts';
import type { Warnings } from '../../hub/warnings.ts';
import { encodeGenerationConfig } from './convert-generation-config.ts';
import { encodePart } from './convert-parts.ts';
import { encodeToolConfig, encodeTools } from './convert-tools.ts';
import { encodeContents } from './encode-contents.ts';

/** Gemini has one system slot: top-level system first, then in-conversation instructions in order. */
function systemInstruction(request: HubRequest, warnings: Warnings): Schemas['Content'] | undefined {
  const texts: HubText[] = [...request.system];
  let conversationStarted = false;
  for (const item of request.items) {
    if (item.type !== 'instruction') conversationStarted = true;
    else {
      if (conversationStarted) warnings.note(`a mid-conversation ${item.role} instruction was moved to systemInstruction (Gemini has one system slot)`);
      texts.push(...item.content);
    }
  }
  const parts = texts.flatMap((text) => encodePart(text, warnings) ?? []);
  return parts.length > 0 ? { parts } : undefined;
}

export function encodeRequest(request: HubRequest, warnings: Warnings): Record<string, unknown> {
  if (request.user !== undefined) warnings.drop('user', 'Gemini has no end-user id field');
  if (request.promptCacheKey !== undefined) warnings.drop('prompt_cache_key', 'Gemini caches implicitly and takes no routing key');
  const items = orderToolResults(request.items, warnings);
  const body: Schemas['GenerateContentRequest'] = { contents: encodeContents(items, warnings) };
  const system = systemInstruction(request, warnings);
  if (system) body.systemInstruction = system;
  const tools = encodeTools(request.tools, warnings);
  if (tools) body.tools = tools;
  // A tool choice without tools means nothing, and Gemini may reject a lone toolConfig.
  const toolConfig = tools ? encodeToolConfig(request.toolChoice, request.parallelToolCalls, warnings) : undefined;
  if (toolConfig) body.toolConfig = toolConfig;
  const generationConfig = encodeGenerationConfig(request, warnings);
  if (generationConfig) body.generationConfig = generationConfig;
  return body;
}
