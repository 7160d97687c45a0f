// One upstream Claude content block at a time → hub block events: what content_block_start,
// content_block_delta and content_block_stop mean for each block type.
import type { HubEvent } from '../../hub/hub-events.ts';
import { fromClaudeToolId } from '../../hub/tool-call-id.ts';
import { isRecord, type JsonObject, stringAt } from '../read-json.ts';

export type OpenBlock =
  | { kind: 'text'; index: unknown; block: string }
  /** `argued`: a non-empty input_json_delta arrived (otherwise the start's `input` is the arguments). */
  | { kind: 'tool'; index: unknown; block: string; input: unknown; argued: boolean }
  /** The signature comes in one signature_delta just before the stop; the hub gets it on reasoning-end. */
  | { kind: 'thinking'; index: unknown; block: string; signature: string }
  /** redacted_thinking arrives whole in its start event, with no deltas. */
  | { kind: 'redacted'; index: unknown; block: string; data: string }
  /** Server-tool blocks and types newer than this code: nothing is emitted for them. */
  | { kind: 'skip'; index: unknown };

export function startBlock(index: unknown, block: JsonObject, name: string, out: HubEvent[]): OpenBlock {
  switch (block.type) {
    case 'text': {
      out.push({ type: 'text-start', block: name });
      const text = stringAt(block.text) ?? '';
      if (text !== '') out.push({ type: 'text-delta', block: name, delta: text });
      return { kind: 'text', index, block: name };
    }
    case 'tool_use':
      out.push({ type: 'tool-call-start', block: name, id: fromClaudeToolId(stringAt(block.id) ?? ''), name: stringAt(block.name) ?? '' });
      return { kind: 'tool', index, block: name, input: block.input, argued: false };
    case 'thinking': {
      out.push({ type: 'reasoning-start', block: name, origin: 'claude' });
      const thinking = stringAt(block.thinking) ?? '';
      if (thinking !== '') out.push({ type: 'reasoning-delta', block: name, delta: thinking, kind: 'text' });
      return { kind: 'thinking', index, block: name, signature: stringAt(block.signature) ?? '' };
    }
    case 'redacted_thinking':
      out.push({ type: 'reasoning-start', block: name, origin: 'claude', redacted: true });
      return { kind: 'redacted', index, block: name, data: stringAt(block.data) ?? '' };
    default:
      return { kind: 'skip', index };
  }
}

/** Empty fragments (the first input_json_delta is often `""`, the last thinking_delta too) are dropped. */
export function blockDelta(open: OpenBlock, delta: JsonObject): HubEvent[] {
  if (open.kind === 'text' && delta.type === 'text_delta') {
    const text = stringAt(delta.text) ?? '';
    return text === '' ? [] : [{ type: 'text-delta', block: open.block, delta: text }];
  }
  if (open.kind === 'tool' && delta.type === 'input_json_delta') {
    const json = stringAt(delta.partial_json) ?? '';
    if (json === '') return [];
    open.argued = true;
    return [{ type: 'tool-call-delta', block: open.block, delta: json }];
  }
  if (open.kind === 'thinking' && delta.type === 'thinking_delta') {
    const thinking = stringAt(delta.thinking) ?? '';
    return thinking === '' ? [] : [{ type: 'reasoning-delta', block: open.block, delta: thinking, kind: 'text' }];
  }
  if (open.kind === 'thinking' && delta.type === 'signature_delta') open.signature += stringAt(delta.signature) ?? '';
  // citations_delta and unknown delta types have no hub twin.
  return [];
}

export function blockEnd(open: OpenBlock): HubEvent[] {
  switch (open.kind) {
    case 'text':
      return [{ type: 'text-end', block: open.block }];
    case 'tool': {
      // A call without input deltas still has arguments: the start's `input` ({} for no
      // arguments), as the non-streamed answer would give them.
      const rest: HubEvent[] = open.argued ? [] : [{ type: 'tool-call-delta', block: open.block, delta: JSON.stringify(isRecord(open.input) ? open.input : {}) }];
      return [...rest, { type: 'tool-call-end', block: open.block }];
    }
    case 'thinking':
      return [open.signature === '' ? { type: 'reasoning-end', block: open.block } : { type: 'reasoning-end', block: open.block, signature: open.signature }];
    case 'redacted':
      return [{ type: 'reasoning-end', block: open.block, encrypted: open.data }];
    case 'skip':
      return [];
  }
}
