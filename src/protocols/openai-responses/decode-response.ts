// Upstream: a non-streamed Responses body → hub response. Read leniently (not validated):
// output items in order, finish reason derived from status (map-finish-reason.ts), usage as is.
import type { HubOutput, HubResponse } from '../../hub/hub-response.ts';
import type { Warnings } from '../../hub/warnings.ts';
import { decodeReasoningItem } from './convert-reasoning.ts';
import { fromResponsesUsage } from './convert-usage.ts';
import { mapResponsesFinishReason } from './map-finish-reason.ts';
import { dropOnce, isRecord, num, records, str } from './read-json.ts';

function decodeMessage(item: Record<string, unknown>, warnings: Warnings): HubOutput[] {
  return records(item.content).flatMap((part): HubOutput[] => {
    if (part.type === 'output_text') {
      if (Array.isArray(part.annotations) && part.annotations.length > 0) {
        dropOnce(warnings, 'output_text.annotations', 'citations have no common form across protocols; the text is kept');
      }
      const text = str(part.text) ?? '';
      return text === '' ? [] : [{ type: 'text', text }];
    }
    if (part.type === 'refusal') return [{ type: 'refusal', text: str(part.refusal) ?? '' }];
    dropOnce(warnings, `message.content.${String(part.type)}`, 'output content part unknown to the gateway; left out');
    return [];
  });
}

function decodeOutputItem(item: Record<string, unknown>, warnings: Warnings): HubOutput[] {
  switch (item.type) {
    case 'message':
      return decodeMessage(item, warnings);
    case 'function_call':
    case 'custom_tool_call': {
      const custom = item.type === 'custom_tool_call';
      const itemId = str(item.id);
      const call: HubOutput = {
        type: 'tool-call',
        id: str(item.call_id) ?? '',
        name: str(item.name) ?? '',
        arguments: str(custom ? item.input : item.arguments) ?? '',
        ...(custom ? { custom } : {}),
        ...(itemId ? { itemId } : {}),
      };
      return [call];
    }
    case 'reasoning':
      return [decodeReasoningItem(item)];
    default:
      dropOnce(warnings, `output[].${String(item.type)}`, 'built-in tool output (run by OpenAI itself) has no form in other protocols; left out');
      return [];
  }
}

export function decodeResponse(body: unknown, warnings: Warnings): HubResponse {
  const response = isRecord(body) ? body : {};
  const output = records(response.output).flatMap((item) => decodeOutputItem(item, warnings));
  const toolCalls = output.filter((out) => out.type === 'tool-call').length;
  const incomplete = isRecord(response.incomplete_details) ? str(response.incomplete_details.reason) : undefined;
  const finishReason = mapResponsesFinishReason(str(response.status), incomplete, toolCalls);
  if (isRecord(response.error)) {
    warnings.note(`upstream response failed: ${str(response.error.code) ?? 'error'}: ${str(response.error.message) ?? ''}`);
  }
  if (!isRecord(response.usage)) warnings.note('upstream response carried no usage; reported as 0 tokens');
  return {
    id: str(response.id) ?? '',
    model: str(response.model) ?? '',
    output,
    finishReason,
    usage: fromResponsesUsage(response.usage),
    created: num(response.created_at) ?? Math.floor(Date.now() / 1000),
  };
}
