// The canonical request every inbound protocol decodes into and every upstream protocol
// encodes from. Items keep conversation order; nothing protocol-specific leaks in except
// opaque provider data, tagged with the protocol it came from.
import type { ProtocolId } from './protocol-id.ts';
import type { HubPart, HubText } from './hub-content.ts';

export type HubRole = 'user' | 'assistant';

export interface HubMessage {
  type: 'message';
  role: HubRole;
  content: HubPart[];
}

/**
 * A system/developer instruction that sits *inside* the conversation (Claude Code's
 * `role: "system"` message, a Chat system message after the first turn). Targets with only
 * one system slot move it there; order among instructions is kept.
 */
export interface HubInstruction {
  type: 'instruction';
  role: 'system' | 'developer';
  content: HubText[];
}

export interface HubToolCall {
  type: 'tool-call';
  /** The id the client knows the call by (made up when the upstream sent none, e.g. Gemini). */
  id: string;
  name: string;
  /** JSON text of the arguments object, exactly as produced (Chat/Responses keep strings). */
  arguments: string;
  /** Responses custom (freeform) tool call: `arguments` is then the raw input, not JSON. */
  custom?: boolean;
  /** Responses item id (`fc_…`), kept for a Responses round trip. */
  itemId?: string;
  /** Opaque per-call state (Gemini `thoughtSignature`), valid only for `origin`. */
  signature?: { origin: ProtocolId; value: string };
}

export interface HubToolResult {
  type: 'tool-result';
  callId: string;
  /** The called tool's name when known (Gemini matches results by name). */
  name?: string;
  content: HubPart[];
  isError?: boolean;
  custom?: boolean;
}

/** Model reasoning from an earlier turn, replayed as history. */
export interface HubReasoning {
  type: 'reasoning';
  /** Which protocol issued the opaque fields; they are replayed only to that origin. */
  origin: ProtocolId;
  text?: string;
  summary?: string[];
  /** Claude `signature`, Gemini `thoughtSignature`. */
  signature?: string;
  /** Responses `encrypted_content`, Claude `redacted_thinking.data`. */
  encrypted?: string;
  redacted?: boolean;
  /** Responses item id (`rs_…`). */
  itemId?: string;
}

export type HubItem = HubMessage | HubInstruction | HubToolCall | HubToolResult | HubReasoning;

export interface HubFunctionTool {
  type: 'function';
  name: string;
  description?: string;
  /** JSON Schema of the arguments object. */
  parameters: Record<string, unknown>;
  strict?: boolean;
  /** Responses `custom` tool: one free-form string input (optionally a grammar). */
  custom?: { format?: unknown };
  cacheControl?: unknown;
  /** Loaded on demand by the vendor's tool search (`defer_loading`); see tool-search.ts. */
  deferLoading?: boolean;
}

/**
 * Tools a client declared inside the conversation instead of the top-level list: Codex's
 * "Responses Lite" `additional_tools` input item. Its tools are also in `HubRequest.tools`
 * (hoisted, for targets with one tool list); this keeps the item as sent and where it stood,
 * so a Responses target can put it back.
 */
export interface HubToolDeclaration {
  /** How many conversation items (`HubRequest.items`) preceded it. */
  at: number;
  /** The input item exactly as the client sent it. */
  raw: Record<string, unknown>;
  /** Names of the hub tools it declared. */
  names: string[];
}

export type HubToolChoice =
  | { type: 'auto' }
  | { type: 'none' }
  | { type: 'required' }
  | { type: 'tool'; name: string };

export type HubResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name?: string; description?: string; schema: Record<string, unknown>; strict?: boolean };

export type HubEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';

export interface HubReasoningConfig {
  enabled?: boolean;
  effort?: HubEffort;
  budgetTokens?: number;
  /** Ask for a visible summary / thought text. */
  summary?: 'auto' | 'concise' | 'detailed' | 'none';
}

export interface HubRequest {
  /** The model id to send upstream. */
  model: string;
  /** OpenAI's cache-routing key as the client sent it (Codex: its session id), for OpenAI targets. */
  promptCacheKey?: string;
  /** Deferred tools the vendor's tool search already loaded in this conversation (tool-search.ts). */
  loadedTools?: string[];
  /** Top-level instructions (system prompt, `instructions`, `systemInstruction`), in order. */
  system: HubText[];
  items: HubItem[];
  tools: HubFunctionTool[];
  /** Where tools declared inside the conversation stood (they are in `tools` as well). */
  toolDeclarations?: HubToolDeclaration[];
  toolChoice?: HubToolChoice;
  parallelToolCalls?: boolean;
  responseFormat?: HubResponseFormat;
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stop?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  /** Number of candidates; > 1 only where the target has it. */
  n?: number;
  reasoning?: HubReasoningConfig;
  /** End-user id for abuse tracking (Chat/Responses `user`/`safety_identifier`, Claude `metadata.user_id`). */
  user?: string;
  stream: boolean;
  /** The client asked for usage in the stream (Chat `stream_options.include_usage`). */
  streamUsage?: boolean;
}
