// Opaque reasoning state must come back, unchanged, on the next turn of a tool loop: Claude
// thinking blocks (signature), Responses reasoning items (encrypted_content), Gemini
// thoughtSignatures on function calls (Gemini 3 rejects a call without one). A client of
// another protocol has no field for that state — but every client echoes tool-call ids.
//
// So, when the answer comes from an upstream of another protocol, the gateway hides that state
// in the ids of the turn's tool calls: `ax1_` + base64url(JSON {i: original id, o: origin,
// s?: call signature, r?: reasoning items}). The turn-level reasoning rides on the first call;
// Gemini's per-call signatures on each call. On the next request the ids are decoded: the
// original id goes back upstream, and the state is restored — only if the upstream is the
// origin that issued it (never replayed to anyone else). The charset [A-Za-z0-9_-] suits
// every protocol, Claude's included. Version `1` is in the prefix so the format can change.
import type { ProtocolId } from './protocol-id.ts';
import { fromBase64Url, toBase64Url } from './base64url.ts';
import type { HubEvent } from './hub-events.ts';
import type { HubItem, HubReasoning, HubRequest, HubToolCall } from './hub-request.ts';
import type { HubResponse } from './hub-response.ts';
import type { Reducer } from '../stream/reducer.ts';

const PREFIX = 'ax1_';

type CarriedReasoning = Omit<HubReasoning, 'type' | 'origin'>;

interface Carried {
  /** The id the upstream issued. */
  i: string;
  /** The protocol that issued the state. */
  o: ProtocolId;
  /** The call's own signature (Gemini thoughtSignature). */
  s?: string;
  /** Reasoning items that preceded the turn's calls. */
  r?: CarriedReasoning[];
}


export function encodeCarrier(carried: Carried): string {
  return `${PREFIX}${toBase64Url(JSON.stringify(carried))}`;
}

export function decodeCarrier(id: string): Carried | undefined {
  if (!id.startsWith(PREFIX)) return undefined;
  try {
    const parsed = JSON.parse(fromBase64Url(id.slice(PREFIX.length))) as Partial<Carried>;
    return typeof parsed.i === 'string' && typeof parsed.o === 'string' ? (parsed as Carried) : undefined;
  } catch {
    return undefined;
  }
}

function strip(reasoning: HubReasoning): CarriedReasoning {
  const { type: _type, origin: _origin, ...rest } = reasoning;
  return rest;
}

/** What of a reasoning item is worth carrying: only opaque state makes a round trip matter. */
const hasState = (r: HubReasoning) => r.signature !== undefined || r.encrypted !== undefined;

/** The id a client sees for `call`, carrying `reasoning` (turn-level) and the call's own signature. */
function carryingId(call: Pick<HubToolCall, 'id' | 'signature'>, origin: ProtocolId, reasoning: HubReasoning[]): string {
  const signature = call.signature?.origin === origin ? call.signature.value : undefined;
  const carried = reasoning.filter((r) => r.origin === origin && hasState(r)).map(strip);
  if (signature === undefined && carried.length === 0) return call.id;
  return encodeCarrier({ i: call.id, o: origin, ...(signature === undefined ? {} : { s: signature }), ...(carried.length > 0 ? { r: carried } : {}) });
}

/** Answer side (non-stream): fold the state of `origin` into the ids of the answer's tool calls. */
export function carryReasoningInCallIds(response: HubResponse, origin: ProtocolId): void {
  let pending: HubReasoning[] = [];
  for (const output of response.output) {
    if (output.type === 'reasoning') pending.push(output);
    else if (output.type === 'tool-call') {
      output.id = carryingId(output, origin, pending);
      pending = [];
    }
  }
}

const reasoningKey = (r: Pick<HubReasoning, 'origin' | 'signature' | 'encrypted'>) => `${r.origin}\0${r.signature ?? ''}\0${r.encrypted ?? ''}`;

/** Request side: decode carrier ids; restore their state before the call when `upstream` issued it. */
export function restoreReasoningFromCallIds(request: HubRequest, upstream: ProtocolId): void {
  // A Claude client may already have echoed the same reasoning as a thinking block: no twins.
  const present = new Set(request.items.flatMap((i) => (i.type === 'reasoning' ? [reasoningKey(i)] : [])));
  const items: HubItem[] = [];
  for (const item of request.items) {
    if (item.type === 'tool-result') {
      const carried = decodeCarrier(item.callId);
      items.push(carried ? { ...item, callId: carried.i } : item);
      continue;
    }
    const carried = item.type === 'tool-call' ? decodeCarrier(item.id) : undefined;
    if (item.type !== 'tool-call' || !carried) {
      items.push(item);
      continue;
    }
    const call: HubToolCall = { ...item, id: carried.i };
    if (carried.o === upstream) {
      if (carried.s !== undefined) call.signature = { origin: upstream, value: carried.s };
      // Claude wants the turn's thinking first in the assistant message: before its text.
      let at = items.length;
      while (at > 0 && (items[at - 1]?.type === 'message' && (items[at - 1] as { role: string }).role === 'assistant')) at--;
      const restored = (carried.r ?? []).map((r): HubReasoning => ({ type: 'reasoning', origin: upstream, ...r })).filter((r) => !present.has(reasoningKey(r)));
      items.splice(at, 0, ...restored);
    }
    items.push(call);
  }
  request.items = items;
}

interface CarrierState {
  /** Reasoning blocks of the current turn, as they complete. */
  reasoning: HubReasoning[];
  open: Map<string, HubReasoning>;
  /** A call held back until its end (its signature may come last). */
  held: { start: Extract<HubEvent, { type: 'tool-call-start' }>; deltas: HubEvent[] } | undefined;
}

/** Answer side (stream): the same folding, on hub events. Calls are held until they end. */
export function reasoningCarrierStream(origin: ProtocolId): Reducer<HubEvent, HubEvent, CarrierState> {
  return {
    init: () => ({ reasoning: [], open: new Map(), held: undefined }),
    step(state, event) {
      switch (event.type) {
        case 'reasoning-start':
          state.open.set(event.block, { type: 'reasoning', origin: event.origin, ...(event.redacted ? { redacted: true } : {}), ...(event.itemId ? { itemId: event.itemId } : {}) });
          return [event];
        case 'reasoning-delta': {
          const r = state.open.get(event.block);
          if (r && event.kind === 'text') r.text = (r.text ?? '') + event.delta;
          if (r && event.kind === 'summary') r.summary = [(r.summary ?? []).join('') + event.delta];
          return [event];
        }
        case 'reasoning-end': {
          const r = state.open.get(event.block);
          state.open.delete(event.block);
          if (r) state.reasoning.push({ ...r, ...(event.signature === undefined ? {} : { signature: event.signature }), ...(event.encrypted === undefined ? {} : { encrypted: event.encrypted }) });
          return [event];
        }
        case 'tool-call-start':
          state.held = { start: event, deltas: [] };
          return [];
        case 'tool-call-delta':
          if (state.held?.start.block !== event.block) return [event];
          state.held.deltas.push(event);
          return [];
        case 'tool-call-end': {
          const held = state.held;
          if (held?.start.block !== event.block) return [event];
          state.held = undefined;
          const id = carryingId({ id: held.start.id, ...(event.signature ? { signature: event.signature } : {}) }, origin, state.reasoning);
          state.reasoning = [];
          return [{ ...held.start, id }, ...held.deltas, event];
        }
        default:
          return [event];
      }
    },
    finish: () => [],
  };
}

// A Claude client shows reasoning only as `thinking` blocks, which need a signature, and echoes
// them back whole. Reasoning from another origin is sent to it as a thinking block whose
// signature carries the item itself: `axr1_` + base64url(JSON). Decoded on the way back, it is
// that origin's reasoning again — replayed to its origin, and never sent to Claude as thinking.
const REASONING_PREFIX = 'axr1_';

export function encodeReasoningSignature(reasoning: HubReasoning): string {
  const { type: _type, ...rest } = reasoning;
  return `${REASONING_PREFIX}${toBase64Url(JSON.stringify(rest))}`;
}

export function decodeReasoningSignature(signature: string): HubReasoning | undefined {
  if (!signature.startsWith(REASONING_PREFIX)) return undefined;
  try {
    const parsed = JSON.parse(fromBase64Url(signature.slice(REASONING_PREFIX.length))) as Omit<HubReasoning, 'type'>;
    return typeof parsed.origin === 'string' ? { type: 'reasoning', ...parsed } : undefined;
  } catch {
    return undefined;
  }
}

/** The text a client should see for a reasoning item: its thinking, else its summary. */
export function reasoningDisplayText(reasoning: Pick<HubReasoning, 'text' | 'summary'>): string {
  return reasoning.text ?? (reasoning.summary ?? []).join('\n\n');
}
