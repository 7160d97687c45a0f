// Upstream: a non-streamed Responses body → hub response. Read leniently (not validated):
// output items in order, finish reason derived from status (map-finish-reason.ts), usage as is.
import { nowSeconds } from '../../hub/mint-id.ts';
import type { HubOutput, HubResponse } from '../../hub/hub-response.ts';
import type { Warnings } from '../../hub/warnings.ts';
import { isRecord, numberAt, recordsAt, stringAt } from '../read-json.ts';
import { decodeReasoningItem } from './convert-reasoning.ts';
import { fromResponsesUsage } from './convert-usage.ts';
import { mapResponsesFinishReason } from './map-finish-reason.ts';

function decodeMessage(item: Record<string, unknown>, warnings: Warnings): HubOutput[] {
  return recordsAt(item.content).flatMap((part): HubOutput[] => {
    if (part.type === 'output_text') {
      if (Array.isArray(part.annotations) && part.annotations.length > 0) {
        warnings.drop('output_text.annotations', 'citations have no common form across protocols; the text is kept');
      }
      const text = stringAt(part.text) ?? '';
      return text === '' ? [] : [{ type: 'text', text }];
    }
    if (part.type === 'refusal') return [{ type: 'refusal', text: stringAt(part.refusal) ?? '' }];
    warnings.drop(`message.content.${String(part.type)}`, 'output content part unknown to the gateway; left out');
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
      const itemId = stringAt(item.id);
      const call: HubOutput = {
        type: 'tool-call',
        id: stringAt(item.call_id) ?? '',
        name: stringAt(item.name) ?? '',
        arguments: stringAt(custom ? item.input : item.arguments) ?? '',
        ...(custom ? { custom } : {}),
        ...(itemId ? { itemId } : {}),
      };
      return [call];
    }
    case 'reasoning':
      return [decodeReasoningItem(item)];
    default:
      warnings.drop(`output[].${String(item.type)}`, 'built-in tool output (run by OpenAI itself) has no form in other protocols; left out');
      return [];
  }
}

export function decodeResponse(body: unknown, warnings: Warnings): HubResponse {
  const response = isRecord(body) ? body : {};
  const output = recordsAt(response.output).flatMap((item) => decodeOutputItem(item, warnings));
  const toolCalls = output.filter((out) => out.type === 'tool-call').length;
  const incomplete = isRecord(response.incomplete_details) ? stringAt(response.incomplete_details.reason) : undefined;
  const finishReason = mapResponsesFinishReason(stringAt(response.status), incomplete, toolCalls);
  if (isRecord(response.error)) {
    warnings.note(`upstream response failed: ${stringAt(response.error.code) ?? 'error'}: ${stringAt(response.error.message) ?? ''}`);
  }
  if (!isRecord(response.usage)) warnings.note('upstream response carried no usage; reported as 0 tokens');
  return {
    id: stringAt(response.id) ?? '',
    model: stringAt(response.model) ?? '',
    output,
    finishReason,
    usage: fromResponsesUsage(response.usage),
    created: numberAt(response.created_at) ?? nowSeconds(),
  };
}
