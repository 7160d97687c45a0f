// One hub block at a time → Claude content_block_start / _delta / _stop frames. What is sent
// follows the non-streamed encodeResponse: empty text is no block at all (Claude rejects empty
// text blocks when the client replays them), Claude's own thinking keeps its
// signature, another origin's reasoning is shown as thinking whose signature carries it back
// (hub/reasoning-carrier.ts), and a custom tool's raw input becomes `{"input": "<raw>"}`.
import type { HubEvent } from '../../hub/hub-events.ts';
import type { HubReasoning } from '../../hub/hub-request.ts';
import { encodeReasoningSignature } from '../../hub/reasoning-carrier.ts';
import { toClaudeToolId } from '../../hub/tool-call-id.ts';
import type { SseFrame } from '../../stream/sse.ts';
import type { Schemas } from '../../../generated/claude/index.ts';

export type EncodedBlock =
  /** `index` is assigned at the first non-empty delta: a text block that stays empty is never sent. */
  | { kind: 'text'; block: string; index: number | undefined }
  /** `foreign`: another origin's reasoning, gathered so its signature can carry it back. */
  | { kind: 'thinking'; block: string; index: number; foreign?: HubReasoning }
  /** redacted_thinking goes out whole on reasoning-end, when its data is known. */
  | { kind: 'redacted'; block: string }
  /** `argued`: some input was sent (for a custom tool, the `{"input":"` prefix is out). */
  | { kind: 'tool'; block: string; index: number; custom: boolean; argued: boolean }
  | { kind: 'skip'; block: string };

/** Hands out the next block index (and sends message_start first when it is still held). */
export type IndexAllocator = () => number;

export function frame(event: Schemas['MessagesStreamEvent']): SseFrame {
  return { event: event.type, data: JSON.stringify(event) };
}

function startFrame(index: number, block: Schemas['ContentBlock']): SseFrame {
  return frame({ type: 'content_block_start', index, content_block: block });
}

function deltaFrame(index: number, delta: Schemas['ContentBlockDelta']): SseFrame {
  return frame({ type: 'content_block_delta', index, delta });
}

function stopFrame(index: number): SseFrame {
  return frame({ type: 'content_block_stop', index });
}

type StartEvent = Extract<HubEvent, { type: 'text-start' | 'reasoning-start' | 'tool-call-start' }>;

export function blockStart(event: StartEvent, allocate: IndexAllocator, out: SseFrame[]): EncodedBlock {
  if (event.type === 'text-start') return { kind: 'text', block: event.block, index: undefined };
  if (event.type === 'reasoning-start') {
    if (event.origin === 'claude' && event.redacted) return { kind: 'redacted', block: event.block };
    const index = allocate();
    out.push(startFrame(index, { type: 'thinking', thinking: '', signature: '' }));
    if (event.origin === 'claude') return { kind: 'thinking', block: event.block, index };
    const foreign: HubReasoning = { type: 'reasoning', origin: event.origin, ...(event.itemId ? { itemId: event.itemId } : {}), ...(event.redacted ? { redacted: true } : {}) };
    return { kind: 'thinking', block: event.block, index, foreign };
  }
  const index = allocate();
  out.push(startFrame(index, { type: 'tool_use', id: toClaudeToolId(event.id), name: event.name, input: {} }));
  return { kind: 'tool', block: event.block, index, custom: event.custom === true, argued: false };
}

type DeltaEvent = Extract<HubEvent, { type: 'text-delta' | 'reasoning-delta' | 'tool-call-delta' }>;

export function blockDelta(open: EncodedBlock, event: DeltaEvent, allocate: IndexAllocator, out: SseFrame[]): void {
  if (event.delta === '') return;
  if (open.kind === 'text' && event.type === 'text-delta') {
    if (open.index === undefined) {
      open.index = allocate();
      out.push(startFrame(open.index, { type: 'text', text: '' }));
    }
    out.push(deltaFrame(open.index, { type: 'text_delta', text: event.delta }));
  } else if (open.kind === 'thinking' && event.type === 'reasoning-delta') {
    if (open.foreign && event.kind === 'text') open.foreign.text = (open.foreign.text ?? '') + event.delta;
    if (open.foreign && event.kind === 'summary') open.foreign.summary = [(open.foreign.summary ?? []).join('') + event.delta];
    out.push(deltaFrame(open.index, { type: 'thinking_delta', thinking: event.delta }));
  } else if (open.kind === 'tool' && event.type === 'tool-call-delta') {
    // A JSON string escapes character by character, so escaped fragments concatenate correctly.
    const fragment = open.custom ? JSON.stringify(event.delta).slice(1, -1) : event.delta;
    const prefix = open.custom && !open.argued ? '{"input":"' : '';
    open.argued = true;
    out.push(deltaFrame(open.index, { type: 'input_json_delta', partial_json: prefix + fragment }));
  }
}

/** `event` is the hub end event, or undefined when the block is closed by a finish. */
export function blockEnd(open: EncodedBlock, allocate: IndexAllocator, out: SseFrame[], event?: HubEvent): void {
  switch (open.kind) {
    case 'text':
      if (open.index !== undefined) out.push(stopFrame(open.index));
      return;
    case 'thinking': {
      // Exactly one signature_delta before the stop: Claude's own, or the carrier of a foreign item.
      const end = event?.type === 'reasoning-end' ? event : undefined;
      const signature = open.foreign
        ? encodeReasoningSignature({ ...open.foreign, ...(end?.signature === undefined ? {} : { signature: end.signature }), ...(end?.encrypted === undefined ? {} : { encrypted: end.encrypted }) })
        : end?.signature;
      if (signature !== undefined) out.push(deltaFrame(open.index, { type: 'signature_delta', signature }));
      out.push(stopFrame(open.index));
      return;
    }
    case 'redacted': {
      const data = event?.type === 'reasoning-end' ? event.encrypted : undefined;
      if (data === undefined || data === '') return;
      const index = allocate();
      out.push(startFrame(index, { type: 'redacted_thinking', data }), stopFrame(index));
      return;
    }
    case 'tool':
      if (open.custom) out.push(deltaFrame(open.index, { type: 'input_json_delta', partial_json: open.argued ? '"}' : '{"input":""}' }));
      out.push(stopFrame(open.index));
      return;
    case 'skip':
      return;
  }
}
