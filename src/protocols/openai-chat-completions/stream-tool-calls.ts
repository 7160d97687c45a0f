// Streamed Chat tool calls (`delta.tool_calls[]`, legacy `delta.function_call`) → hub tool-call
// blocks, reassembling the exact argument text whatever shape the server streams:
// an empty first fragment, several calls in one chunk, text and a call in one
// chunk, the name with the first fragment, the id (and name) repeated on every continuation,
// every call at `index` 0 told apart only by its id, or no `index` at all.
// https://platform.openai.com/docs/api-reference/chat-streaming/streaming
import type { HubEvent } from '../../hub/hub-events.ts';
import { newToolCallId } from '../../hub/tool-call-id.ts';
import { isRecord, type JsonObject, numberAt, stringAt } from '../read-json.ts';
import { rec } from './json-objects.ts';
import { type ChatStreamState, closeOpen, newBlockId, startToolCall, type ToolCallState } from './stream-state.ts';

/** The legacy single `function_call` stream is one call under an index no tool call uses. */
const LEGACY_INDEX = -1;

export interface ToolFragmentError {
  message: string;
}

/** Which call a fragment continues: by upstream id first, else by index (unless it names another id), else the open call. */
function findCall(state: ChatStreamState, index: number | undefined, id: string | undefined): ToolCallState | undefined {
  if (id !== undefined) {
    const byId = state.calls.find((call) => call.upstreamId === id);
    if (byId) return byId;
  }
  if (index !== undefined) {
    const byIndex = state.calls.findLast((call) => call.index === index);
    if (byIndex && (id === undefined || byIndex.upstreamId === undefined)) return byIndex;
    return undefined;
  }
  if (id !== undefined) return undefined;
  return state.open?.kind === 'tool' ? state.open.call : undefined;
}

/**
 * One fragment. Returns an error when a call that already ended gets more arguments (a server
 * interleaving calls): hub blocks are sequential, and a call with lost arguments must not look
 * complete.
 */
function applyFragment(state: ChatStreamState, fragment: JsonObject, out: HubEvent[]): ToolFragmentError | undefined {
  const custom = fragment.type === 'custom' || isRecord(fragment.custom);
  const fn = rec(custom ? fragment.custom : fragment.function);
  const name = stringAt(fn.name) || undefined;
  const args = stringAt(custom ? fn.input : fn.arguments) ?? '';
  const id = stringAt(fragment.id) || undefined;
  const index = numberAt(fragment.index);

  let call = findCall(state, index, id);
  if (!call) {
    closeOpen(state, out);
    call = { index, upstreamId: id, id: id ?? newToolCallId(), name: '', custom, block: newBlockId(state), started: false, pending: '' };
    state.calls.push(call);
    state.open = { kind: 'tool', block: call.block, call };
  } else if (state.open?.kind !== 'tool' || state.open.call !== call) {
    // A repeated id or name with no new arguments adds nothing.
    if (args === '') return undefined;
    return { message: 'The upstream interleaved the arguments of several tool calls; the gateway streams tool calls one after another.' };
  }
  if (!call.started && name !== undefined) {
    call.name = name;
    startToolCall(call, out);
  }
  if (args === '') return undefined;
  if (call.started) out.push({ type: 'tool-call-delta', block: call.block, delta: args });
  else call.pending += args;
  return undefined;
}

export function applyToolCalls(state: ChatStreamState, delta: JsonObject, out: HubEvent[]): ToolFragmentError | undefined {
  const fragments: JsonObject[] = Array.isArray(delta.tool_calls) ? delta.tool_calls.filter(isRecord) : [];
  if (isRecord(delta.function_call)) fragments.push({ index: LEGACY_INDEX, function: delta.function_call });
  for (const fragment of fragments) {
    const error = applyFragment(state, fragment, out);
    if (error) return error;
  }
  return undefined;
}
