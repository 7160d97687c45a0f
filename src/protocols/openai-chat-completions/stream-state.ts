// The Chat stream reducer's state and its block bookkeeping. A Chat delta can carry reasoning,
// text and several tool calls at once, but hub blocks are sequential (hub-events.ts): opening a
// block ends the one before it, and a block is ended exactly once.
import type { HubEvent } from '../../hub/hub-events.ts';
import { CHAT } from './convert-reasoning.ts';

export interface ToolCallState {
  /** The call's Chat `index` (-1 for the legacy `function_call`); some servers omit it. */
  index: number | undefined;
  /** The id the upstream sent, when it sent one (the hub id is made up otherwise). */
  upstreamId: string | undefined;
  id: string;
  name: string;
  custom: boolean;
  block: string;
  /** `tool-call-start` was emitted; until then the name is unknown and arguments wait in `pending`. */
  started: boolean;
  pending: string;
}

export type OpenBlock =
  | { kind: 'text'; block: string }
  /** `detailIndex`: OpenRouter's `reasoning_details[].index`, one hub block per detail as in a non-streamed answer. */
  | { kind: 'reasoning'; block: string; detailIndex: number | undefined; signature?: string; encrypted?: string }
  | { kind: 'tool'; block: string; call: ToolCallState };

export interface ChatStreamState {
  /** `response-start` was emitted. */
  started: boolean;
  open: OpenBlock | undefined;
  blocks: number;
  /** Every tool call seen, in order (all are emitted as blocks by the time the stream ends). */
  calls: ToolCallState[];
  /** choices[0].finish_reason once seen: the answer is complete, usage may still follow. */
  finishReason: string | undefined;
  /** [DONE], the finish or an error was emitted: nothing more goes out. */
  ended: boolean;
}

export function initialState(): ChatStreamState {
  return { started: false, open: undefined, blocks: 0, calls: [], finishReason: undefined, ended: false };
}

export function newBlockId(state: ChatStreamState): string {
  return `b${state.blocks++}`;
}

/** Emits `tool-call-start` (with an empty name if none ever came) and the arguments that waited for it. */
export function startToolCall(call: ToolCallState, out: HubEvent[]): void {
  if (call.started) return;
  call.started = true;
  out.push({ type: 'tool-call-start', block: call.block, id: call.id, name: call.name, ...(call.custom ? { custom: true } : {}) });
  if (call.pending) out.push({ type: 'tool-call-delta', block: call.block, delta: call.pending });
  call.pending = '';
}

export function closeOpen(state: ChatStreamState, out: HubEvent[]): void {
  const open = state.open;
  if (!open) return;
  state.open = undefined;
  switch (open.kind) {
    case 'text':
      out.push({ type: 'text-end', block: open.block });
      return;
    case 'reasoning':
      out.push({
        type: 'reasoning-end',
        block: open.block,
        ...(open.signature ? { signature: open.signature } : {}),
        ...(open.encrypted ? { encrypted: open.encrypted } : {}),
      });
      return;
    case 'tool':
      startToolCall(open.call, out);
      out.push({ type: 'tool-call-end', block: open.block });
  }
}

export function appendText(state: ChatStreamState, text: string, out: HubEvent[]): void {
  if (!text) return;
  if (state.open?.kind !== 'text') {
    closeOpen(state, out);
    const block = newBlockId(state);
    state.open = { kind: 'text', block };
    out.push({ type: 'text-start', block });
  }
  out.push({ type: 'text-delta', block: state.open.block, delta: text });
}

/** The open reasoning block for `detailIndex`, starting a new one when another block (or detail) is open. */
export function reasoningBlock(state: ChatStreamState, detailIndex: number | undefined, out: HubEvent[]): OpenBlock & { kind: 'reasoning' } {
  const open = state.open;
  if (open?.kind === 'reasoning' && (detailIndex === undefined || open.detailIndex === undefined || open.detailIndex === detailIndex)) {
    open.detailIndex ??= detailIndex;
    return open;
  }
  closeOpen(state, out);
  const block = newBlockId(state);
  const opened = { kind: 'reasoning' as const, block, detailIndex };
  state.open = opened;
  out.push({ type: 'reasoning-start', block, origin: CHAT });
  return opened;
}
