// An upstream Claude Message (non-streamed) → hub response. Not validated: every field is
// read leniently. Blocks keep their order; server-tool blocks have no twin and are dropped.
import { nowSeconds } from '../../hub/mint-id.ts';
import type { HubOutput, HubResponse } from '../../hub/hub-response.ts';
import { fromClaudeToolId } from '../../hub/tool-call-id.ts';
import type { Warnings } from '../../hub/warnings.ts';
import { isRecord, type JsonObject, recordsAt, stringAt } from '../read-json.ts';
import { fromClaudeUsage } from './convert-usage.ts';
import { isMeaningful } from './is-meaningful.ts';
import { fromClaudeStopReason } from './map-finish-reason.ts';

function decodeBlock(block: JsonObject, at: string, warnings: Warnings): HubOutput | undefined {
  switch (block.type) {
    case 'text':
      if (isMeaningful(block.citations)) warnings.drop(`${at}.citations`, 'citations have no hub twin; dropped');
      return { type: 'text', text: stringAt(block.text) ?? '' };
    case 'thinking': {
      const signature = stringAt(block.signature);
      const text = stringAt(block.thinking) ?? '';
      return signature !== undefined ? { type: 'reasoning', origin: 'claude', text, signature } : { type: 'reasoning', origin: 'claude', text };
    }
    case 'redacted_thinking':
      return { type: 'reasoning', origin: 'claude', redacted: true, encrypted: stringAt(block.data) ?? '' };
    case 'tool_use':
      return {
        type: 'tool-call',
        id: fromClaudeToolId(stringAt(block.id) ?? ''),
        name: stringAt(block.name) ?? '',
        arguments: JSON.stringify(isRecord(block.input) ? block.input : {}),
      };
    default:
      // server_tool_use, web_search_tool_result, code_execution_tool_result, compaction, …
      warnings.drop(at, `a ${String(block.type)} block (server-side tool state) has no hub twin; dropped`);
      return undefined;
  }
}

export function decodeResponse(body: unknown, warnings: Warnings): HubResponse {
  const message = isRecord(body) ? body : {};
  const output = recordsAt(message.content).flatMap((block, i) => decodeBlock(block, `content[${i}]`, warnings) ?? []);
  const details = isRecord(message.stop_details) ? message.stop_details : undefined;
  // A refusal's explanation is the twin of OpenAI's `refusal` text.
  const explanation = stringAt(details?.explanation);
  if (details?.type === 'refusal' && explanation !== undefined) output.push({ type: 'refusal', text: explanation });
  for (const [key, value] of Object.entries(details ?? {})) {
    if (key !== 'type' && key !== 'explanation' && isMeaningful(value)) warnings.drop(`stop_details.${key}`, `${JSON.stringify(value)} has no hub twin; dropped`);
  }
  if (isMeaningful(message.container)) warnings.drop('container', 'code-execution containers live on Anthropic only; dropped');
  const toolCalls = output.filter((o) => o.type === 'tool-call').length;
  const response: HubResponse = {
    id: stringAt(message.id) ?? '',
    model: stringAt(message.model) ?? '',
    output,
    finishReason: fromClaudeStopReason(stringAt(message.stop_reason), toolCalls),
    usage: fromClaudeUsage(message.usage),
    // Claude messages carry no timestamp; the hub's `created` is when the answer arrived.
    created: nowSeconds(),
  };
  const stopSequence = stringAt(message.stop_sequence);
  if (stopSequence !== undefined) response.stopSequence = stopSequence;
  return response;
}
