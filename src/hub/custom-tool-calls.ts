// A Responses `custom` (freeform) tool — Codex's apply_patch — reaches other upstreams as a
// function with one string parameter `input`. Their calls come back as
// `{"input": "…"}` JSON; the client must get a custom call carrying the raw input again.
// https://platform.openai.com/docs/guides/function-calling#custom-tools
// One rule for both paths: the answer (restoreCustomToolCalls) and the stream (customToolCallStream).
import type { HubEvent } from './hub-events.ts';
import type { HubRequest } from './hub-request.ts';
import type { HubResponse } from './hub-response.ts';
import type { Reducer } from '../stream/reducer.ts';

function customToolNames(request: HubRequest): Set<string> {
  return new Set(request.tools.filter((t) => t.custom).map((t) => t.name));
}

/** `{"input":"raw"}` → `raw`; anything else is kept as it is. */
export function unwrapCustomInput(argumentsText: string): string {
  try {
    const parsed: unknown = JSON.parse(argumentsText);
    const input = typeof parsed === 'object' && parsed !== null ? (parsed as { input?: unknown }).input : undefined;
    return typeof input === 'string' ? input : argumentsText;
  } catch {
    return argumentsText;
  }
}

export function restoreCustomToolCalls(response: HubResponse, request: HubRequest): void {
  const names = customToolNames(request);
  if (names.size === 0) return;
  for (const output of response.output) {
    if (output.type === 'tool-call' && !output.custom && names.has(output.name)) {
      output.custom = true;
      output.arguments = unwrapCustomInput(output.arguments);
    }
  }
}

interface CustomState {
  /** Open custom-call blocks and their buffered argument text. */
  buffers: Map<string, string>;
}

/** Hub events in, hub events out: custom calls are buffered until their end, then unwrapped. */
export function customToolCallStream(request: HubRequest): Reducer<HubEvent, HubEvent, CustomState> | undefined {
  const names = customToolNames(request);
  if (names.size === 0) return undefined;
  return {
    init: () => ({ buffers: new Map() }),
    step(state, event) {
      if (event.type === 'tool-call-start' && !event.custom && names.has(event.name)) {
        state.buffers.set(event.block, '');
        return [{ ...event, custom: true }];
      }
      const buffered = 'block' in event ? state.buffers.get(event.block) : undefined;
      if (buffered === undefined) return [event];
      if (event.type === 'tool-call-delta') {
        state.buffers.set(event.block, buffered + event.delta);
        return [];
      }
      if (event.type === 'tool-call-end') {
        state.buffers.delete(event.block);
        return [{ type: 'tool-call-delta', block: event.block, delta: unwrapCustomInput(buffered) }, event];
      }
      return [event];
    },
    finish: () => [],
  };
}
