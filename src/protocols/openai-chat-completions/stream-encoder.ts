// Hub events → the SSE a Chat client expects, chunk for chunk as OpenAI streams it:
// every chunk `{id, object:"chat.completion.chunk", created, model, choices:[{index:0, delta,
// finish_reason:null, logprobs:null}]}`; `role:"assistant"` on the first chunk (with `content:""`
// before text, `content:null` before a tool call or reasoning, so an SDK's accumulated message
// equals the non-streamed one); a tool call's id, type and name only on its first chunk, then
// `{index, function:{arguments}}` fragments; reasoning as `delta.reasoning_content`;
// a `delta:{}` chunk with the finish_reason; the usage chunk (`choices: []`) when the client
// asked for it; `data: [DONE]`. An error is `data: {"error":{…}}` and the end, with no [DONE].
// https://platform.openai.com/docs/api-reference/chat-streaming/streaming
import { mintId, nowSeconds } from '../../hub/mint-id.ts';
import type { HubEvent } from '../../hub/hub-events.ts';
import type { HubRequest } from '../../hub/hub-request.ts';
import type { HubUsage } from '../../hub/hub-response.ts';
import type { Reducer } from '../../stream/reducer.ts';
import type { SseFrame } from '../../stream/sse.ts';
import type { Schemas } from '../../../generated/openai-chat-completions/index.ts';
import { encodeUsage } from './convert-usage.ts';
import { chatCompletionId } from './encode-response.ts';
import { encodeFinishReason } from './map-finish-reason.ts';
import { chatErrorFrame } from './stream-ending.ts';

type ChatChunk = Schemas['ChatCompletionChunk'];
type ChunkDelta = Schemas['ChatChunkDelta'] & { reasoning_content?: string };
type ToolCallDelta = Schemas['ChatToolCallDelta'] & { custom?: { name?: string; input: string } };

interface BlockState {
  kind: 'text' | 'reasoning' | 'tool';
  /** Tool calls count 0..n across the answer, as Chat's `tool_calls[].index`. */
  toolIndex: number;
  custom: boolean;
  /** A reasoning block wrote text: the next reasoning block is set apart by a blank line, as the non-streamed `reasoning_content` joins them. */
  wroteText: boolean;
}

export interface ChatEncoderState {
  id: string;
  model: string;
  created: number;
  roleSent: boolean;
  tools: number;
  blocks: Map<string, BlockState>;
  reasoningWritten: boolean;
  usage: HubUsage | undefined;
  done: boolean;
}

const DONE: SseFrame = { data: '[DONE]' };

/** Streams carry no warnings header (it went out with the first byte): what Chat cannot say is left out. */
const ignoreDrop = (): void => {};

function chunkFrame(state: ChatEncoderState, choices: ChatChunk['choices'], usage?: HubUsage): SseFrame {
  const chunk: ChatChunk = { id: state.id, object: 'chat.completion.chunk', created: state.created, model: state.model, choices };
  if (usage) chunk.usage = encodeUsage(usage);
  return { data: JSON.stringify(chunk) };
}

/** One delta for choice 0; the first one carries the role, and `content` when the caller decides it. */
function deltaFrame(state: ChatEncoderState, delta: ChunkDelta, finishReason: Schemas['ChatFinishReason'] | null = null): SseFrame {
  const first: ChunkDelta = state.roleSent ? {} : { role: 'assistant', content: null };
  state.roleSent = true;
  return chunkFrame(state, [{ index: 0, delta: { ...first, ...delta }, finish_reason: finishReason, logprobs: null }]);
}

function errorFrame(event: Extract<HubEvent, { type: 'error' }>): SseFrame {
  return chatErrorFrame(event);
}

function toolStart(state: ChatEncoderState, event: Extract<HubEvent, { type: 'tool-call-start' }>): SseFrame {
  const toolIndex = state.tools++;
  const custom = event.custom === true;
  state.blocks.set(event.block, { kind: 'tool', toolIndex, custom, wroteText: false });
  const call: ToolCallDelta = custom
    ? { index: toolIndex, id: event.id, type: 'custom', custom: { name: event.name, input: '' } }
    : { index: toolIndex, id: event.id, type: 'function', function: { name: event.name, arguments: '' } };
  return deltaFrame(state, { tool_calls: [call] });
}

function reasoningDelta(state: ChatEncoderState, block: BlockState | undefined, delta: string): SseFrame[] {
  if (!delta) return [];
  const separator = block && !block.wroteText && state.reasoningWritten ? '\n\n' : '';
  if (block) block.wroteText = true;
  state.reasoningWritten = true;
  return [deltaFrame(state, { reasoning_content: separator + delta })];
}

function end(state: ChatEncoderState, request: HubRequest, event: Extract<HubEvent, { type: 'finish' }>): SseFrame[] {
  const frames: SseFrame[] = [];
  // An answer with no output at all is still an assistant message with empty text.
  if (!state.roleSent) frames.push(deltaFrame(state, { content: '' }));
  const reason = encodeFinishReason(event.finishReason, state.tools, ignoreDrop);
  frames.push(deltaFrame(state, {}, reason));
  // A Chat upstream that sent no usage yields zeros, as a non-streamed answer without usage does.
  if (request.streamUsage) frames.push(chunkFrame(state, [], state.usage ?? { input: 0, output: 0 }));
  frames.push(DONE);
  return frames;
}

function step(state: ChatEncoderState, request: HubRequest, event: HubEvent): SseFrame[] {
  if (state.done) return [];
  switch (event.type) {
    case 'response-start':
      state.id = chatCompletionId(event.id);
      state.model = event.model;
      state.created = event.created;
      return [];
    case 'text-start':
      state.blocks.set(event.block, { kind: 'text', toolIndex: -1, custom: false, wroteText: false });
      return state.roleSent ? [] : [deltaFrame(state, { content: '' })];
    case 'text-delta':
      return event.delta ? [deltaFrame(state, { content: event.delta })] : [];
    case 'reasoning-start':
      state.blocks.set(event.block, { kind: 'reasoning', toolIndex: -1, custom: false, wroteText: false });
      return state.roleSent ? [] : [deltaFrame(state, {})];
    case 'reasoning-delta':
      return reasoningDelta(state, state.blocks.get(event.block), event.delta);
    case 'tool-call-start':
      return [toolStart(state, event)];
    case 'tool-call-delta': {
      const block = state.blocks.get(event.block);
      if (!event.delta || block?.kind !== 'tool') return [];
      const call: ToolCallDelta = block.custom
        ? { index: block.toolIndex, custom: { input: event.delta } }
        : { index: block.toolIndex, function: { arguments: event.delta } };
      return [deltaFrame(state, { tool_calls: [call] })];
    }
    case 'text-end':
    case 'reasoning-end':
    case 'tool-call-end':
      // Chat has no block ends; a signature or encrypted reasoning has no field in a Chat stream.
      return [];
    case 'usage':
      state.usage = event.usage;
      return [];
    case 'finish':
      state.done = true;
      return end(state, request, event);
    case 'error':
      state.done = true;
      return [errorFrame(event)];
  }
}

export function chatStreamEncoder(request: HubRequest): Reducer<HubEvent, SseFrame, ChatEncoderState> {
  return {
    init: () => ({
      id: mintId('chatcmpl-'),
      model: request.model,
      created: nowSeconds(),
      roleSent: false,
      tools: 0,
      blocks: new Map(),
      reasoningWritten: false,
      usage: undefined,
      done: false,
    }),
    step: (state, event) => step(state, request, event),
    // The hub stream ended with neither finish nor error: never let it look finished.
    finish: (state) => (state.done ? [] : [errorFrame({ type: 'error', status: 502, message: 'upstream stream ended early' })]),
  };
}
