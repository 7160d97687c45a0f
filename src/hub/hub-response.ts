// The canonical (non-streamed) answer: output in order, a finish reason that keeps the
// original, and usage with explicit cache semantics.
import type { HubReasoning, HubToolCall } from './hub-request.ts';

/** Tool calls and reasoning have the same shape in an answer as in the history they are replayed from. */
export type HubOutput =
  | { type: 'text'; text: string }
  | { type: 'refusal'; text: string }
  | HubToolCall
  | HubReasoning;

/**
 * stop: natural end or stop sequence; length: output limit; tool-calls: the model wants tool
 * results (only when at least one tool call survived); content-filter: refused or blocked;
 * error: the upstream failed mid-answer; other: anything else (see `raw`).
 */
export type UnifiedFinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'error' | 'other';

export interface HubFinishReason {
  unified: UnifiedFinishReason;
  /** The upstream's own value, e.g. `end_turn`, `MAX_TOKENS`, `incomplete:max_output_tokens`. */
  raw?: string;
}

/**
 * Token usage with one meaning whatever the source: `input` counts ALL prompt tokens
 * (cache reads and writes included, as OpenAI and Gemini count them; Anthropic's
 * `input_tokens` excludes them and is converted); `output` includes reasoning tokens.
 */
export interface HubUsage {
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
  reasoning?: number;
  /** The upstream's own usage object, for same-protocol fidelity and debugging. */
  raw?: unknown;
}

export interface HubResponse {
  id: string;
  model: string;
  output: HubOutput[];
  finishReason: HubFinishReason;
  /** The stop sequence that ended the answer, when the upstream says. */
  stopSequence?: string;
  usage: HubUsage;
  /** Unix seconds. */
  created: number;
}
