// A validated Claude Messages request → hub request. Each top-level field is either mapped
// (MAPPED) or dropped on purpose with a warning (DROPPED); a field neither table names is
// one the gateway does not model, and is reported as such rather than lost in silence.
import type { HubText } from '../../hub/hub-content.ts';
import type { HubRequest } from '../../hub/hub-request.ts';
import type { Warnings } from '../../hub/warnings.ts';
import type { RequestTarget } from '../protocol.ts';
import { isRecord, numberAt, ownEntry, recordsAt, stringAt } from '../read-json.ts';
import { decodeText } from './convert-parts.ts';
import { decodeThinking } from './convert-thinking.ts';
import { decodeToolChoice, decodeTools } from './convert-tools.ts';
import { decodeMessages } from './decode-messages.ts';
import { isMeaningful } from './is-meaningful.ts';
import { toolReferenceNames } from './tool-references.ts';

const MAPPED = new Set([
  'model', 'max_tokens', 'messages', 'system', 'tools', 'tool_choice', 'thinking', 'output_config',
  'stop_sequences', 'stream', 'temperature', 'top_p', 'top_k', 'metadata',
]);

const DROPPED: Record<string, string> = {
  context_management: 'context editing is Anthropic server-side behaviour with no hub twin',
  service_tier: 'capacity tiers are Anthropic-specific',
  container: 'code-execution containers live on Anthropic only',
  mcp_servers: 'the MCP connector runs on Anthropic only',
  inference_geo: 'inference regions are Anthropic-specific',
  cache_control: 'top-level automatic caching has no hub twin (block-level cache_control is kept)',
};

function decodeSystem(system: unknown, warnings: Warnings): HubText[] {
  if (typeof system === 'string') return [{ type: 'text', text: system }];
  return recordsAt(system).map((block, i) => {
    if (isMeaningful(block.citations)) warnings.drop(`system[${i}].citations`, 'citations have no hub twin; dropped');
    return decodeText(block);
  });
}

export function decodeRequest(body: Record<string, unknown>, _target: RequestTarget, warnings: Warnings): HubRequest {
  for (const [field, value] of Object.entries(body)) {
    if (MAPPED.has(field) || !isMeaningful(value)) continue;
    warnings.drop(field, `${ownEntry(DROPPED, field) ?? 'not modelled by the gateway'}; dropped`);
  }
  const hub: HubRequest = {
    model: stringAt(body.model) ?? '',
    system: decodeSystem(body.system, warnings),
    items: decodeMessages(body.messages, warnings),
    tools: decodeTools(body.tools, warnings),
    stream: body.stream === true,
    ...decodeToolChoice(body.tool_choice),
  };
  const loaded = hub.tools.some((tool) => tool.deferLoading) ? toolReferenceNames(body.messages) : [];
  if (loaded.length > 0) hub.loadedTools = loaded;
  const maxTokens = numberAt(body.max_tokens);
  if (maxTokens !== undefined) hub.maxOutputTokens = maxTokens;
  const temperature = numberAt(body.temperature);
  if (temperature !== undefined) hub.temperature = temperature;
  const topP = numberAt(body.top_p);
  if (topP !== undefined) hub.topP = topP;
  const topK = numberAt(body.top_k);
  if (topK !== undefined) hub.topK = topK;
  if (Array.isArray(body.stop_sequences)) hub.stop = body.stop_sequences.filter((s): s is string => typeof s === 'string');

  const metadata = isRecord(body.metadata) ? body.metadata : {};
  const user = stringAt(metadata.user_id);
  if (user !== undefined) hub.user = user;
  for (const key of Object.keys(metadata)) {
    if (key !== 'user_id' && isMeaningful(metadata[key])) warnings.drop(`metadata.${key}`, 'not modelled by the gateway; dropped');
  }

  const output = isRecord(body.output_config) ? body.output_config : {};
  const reasoning = decodeThinking(body.thinking, output.effort, warnings);
  if (reasoning) hub.reasoning = reasoning;
  if (isRecord(output.format) && output.format.type === 'json_schema' && isRecord(output.format.schema)) {
    hub.responseFormat = { type: 'json_schema', schema: output.format.schema };
  }
  for (const key of Object.keys(output)) {
    if (key !== 'effort' && key !== 'format' && isMeaningful(output[key])) warnings.drop(`output_config.${key}`, 'no hub twin; dropped');
  }
  return hub;
}
