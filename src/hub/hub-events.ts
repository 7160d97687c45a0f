// Stream events in hub form. Upstream reducers turn a protocol's SSE events into these; inbound
// encoders turn these into the client's protocol. Names are noun-verb (STYLE.md).
//
// Rules every reducer keeps, so every encoder can rely on them:
// - `response-start` comes first, exactly once (reducers make up id/model when the upstream has none);
//   a stream that fails before saying anything may be a lone `error`.
// - Content arrives in blocks named by `block` (unique within the stream). A block is started,
//   gets deltas, and is ended; blocks are SEQUENTIAL: a block ends before the next one starts.
// - `usage` may come several times; each is cumulative and replaces the previous one.
// - The stream ends with exactly one `finish` (after the last block and usage) — or with one
//   `error`, after which nothing follows. The tool-call invariant holds in `finish`:
//   unified `tool-calls` ⇔ at least one tool call block was emitted.
import type { ProtocolId } from './protocol-id.ts';
import type { HubFinishReason, HubUsage } from './hub-response.ts';

export type HubEvent =
  | { type: 'response-start'; id: string; model: string; created: number }
  | { type: 'text-start'; block: string }
  | { type: 'text-delta'; block: string; delta: string }
  | { type: 'text-end'; block: string }
  | { type: 'reasoning-start'; block: string; origin: ProtocolId; itemId?: string; redacted?: boolean }
  /** `kind: 'summary'` for Responses summary text / Gemini thought summaries; `text` for raw thinking. */
  | { type: 'reasoning-delta'; block: string; delta: string; kind: 'text' | 'summary' }
  /** Opaque state known only at the end (Claude signature_delta, Responses encrypted_content on output_item.done). */
  | { type: 'reasoning-end'; block: string; signature?: string; encrypted?: string }
  | { type: 'tool-call-start'; block: string; id: string; name: string; custom?: boolean; itemId?: string }
  /** A fragment of the arguments JSON text (or of the raw input for a custom tool). */
  | { type: 'tool-call-delta'; block: string; delta: string }
  | { type: 'tool-call-end'; block: string; signature?: { origin: ProtocolId; value: string } }
  | { type: 'usage'; usage: HubUsage }
  | { type: 'finish'; finishReason: HubFinishReason; stopSequence?: string }
  | { type: 'error'; status: number; message: string; code?: string };
