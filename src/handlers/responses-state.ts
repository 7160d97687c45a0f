// The Responses API is stateful; its upstreams here mostly are not. Before a Responses request
// goes anywhere, its `previous_response_id` is expanded into the stored conversation in front of
// the new input, and its `item_reference` items are replaced by the stored items — so every
// upstream type (Chat, Claude, Gemini, a Responses upstream alike) gets a stateless, complete
// request. After it, the answer (JSON, or the stream's `response.completed`) is stored before
// its last byte reaches the client, so the very next request can build on it.
// https://platform.openai.com/docs/guides/conversation-state
// `instructions` are not carried over: OpenAI documents that they apply to one response only.
import { GatewayError } from '../errors/gateway-error.ts';
import { isAnswerStream, parsedBody, type AnswerStream, type GatewayAnswer } from '../http/exchange.ts';
import { topLevelValueText } from '../http/json-text-edit.ts';
import { nowSeconds } from '../hub/mint-id.ts';
import { inputItems } from '../compaction/compaction-items.ts';
import { isRecord, parseEventObject, stringAt, type JsonObject } from '../protocols/read-json.ts';
import { createSseParser } from '../stream/sse-parser.ts';
import type { ResponseStore, StoredResponse } from '../store/response-store.ts';
import { StoreEntryTooLarge } from '../store/store-entry-too-large.ts';
import type { RequestContext } from './request-context.ts';

/** One try of the request, given the body to send (and its text when that is unchanged). */
export type RunRequest = (body: Record<string, unknown>, text: string | undefined) => Promise<GatewayAnswer>;

const isItemReference = (item: unknown): boolean => isRecord(item) && item.type === 'item_reference';

async function resolveReferences(store: ResponseStore, owner: string, items: unknown[]): Promise<unknown[]> {
  const ids = items.filter(isItemReference).map((item) => stringAt((item as JsonObject).id) ?? '');
  const found = await store.items(owner, ids);
  return items.map((item) => {
    if (!isItemReference(item)) return item;
    const id = stringAt((item as JsonObject).id) ?? '';
    const stored = found.get(id);
    if (stored === undefined) throw new GatewayError(404, `Item with id ${JSON.stringify(id)} not found.`, { param: 'input', code: 'item_not_found' });
    return stored;
  });
}

interface Turn {
  owner: string;
  previousId: string | undefined;
  /** The whole conversation's input, expanded. */
  input: unknown[];
  /** `input` as the client's own JSON text, when it is exactly that (nothing expanded). */
  inputText?: string;
}

/** The response object with what this turn really was: stored, and its predecessor. */
function asStored(response: JsonObject, turn: Turn): JsonObject {
  return { ...response, store: true, previous_response_id: turn.previousId ?? null };
}

/**
 * asStored's JSON from the text `response` was parsed from, without serialising it again: the
 * two members are appended, and JSON.parse keeps the last of duplicate keys (at the first one's
 * place, as the spread does). Undefined when the text does not end its object where expected.
 */
function asStoredText(text: string, turn: Turn): string | undefined {
  const body = text.trimEnd();
  if (!body.endsWith('}')) return undefined;
  return `${body.slice(0, -1)},"store":true,"previous_response_id":${JSON.stringify(turn.previousId ?? null)}}`;
}

/** `text`, when given, is the JSON that `response` was parsed from. */
async function remember(store: ResponseStore, turn: Turn, response: JsonObject, text?: string): Promise<void> {
  const id = stringAt(response.id);
  // A failed response is no turn to build on (OpenAI refuses to continue from one).
  if (id === undefined || response.status === 'failed') return;
  const responseText = text === undefined ? undefined : asStoredText(text, turn);
  const entry: StoredResponse = {
    id,
    owner: turn.owner,
    createdAt: nowSeconds(),
    ...(turn.previousId === undefined ? {} : { previousResponseId: turn.previousId }),
    response: asStored(response, turn),
    ...(responseText === undefined ? {} : { responseText }),
    input: turn.input,
    ...(turn.inputText === undefined ? {} : { inputText: turn.inputText }),
    output: Array.isArray(response.output) ? response.output : [],
  };
  try {
    await store.put(entry);
  } catch (error) {
    // The answer itself is fine: the client gets it, and the operator learns why a later
    // previous_response_id will not find it.
    const why = error instanceof StoreEntryTooLarge ? `it is ${error.bytes} bytes, over the store's limit of ${error.maxBytes}` : error instanceof Error ? error.message : String(error);
    console.warn(`any-api: response ${id} was not stored: ${why}`);
  }
}

const FINAL_EVENT = /"type"\s*:\s*"response\.(completed|incomplete)"/;

/** The final Response object a chunk of Responses SSE carries, if it carries it (chunks are whole frames). */
function finalResponse(text: string): JsonObject | undefined {
  if (!FINAL_EVENT.test(text)) return undefined;
  for (const event of createSseParser({ keepRaw: false }).feed(text)) {
    const response = FINAL_EVENT.test(event.data) ? parseEventObject(event.data)?.response : undefined;
    if (isRecord(response)) return response;
  }
  return undefined;
}

const NO_PREVIOUS_ID = /"previous_response_id"\s*:\s*null/g;

/**
 * The stream as it is, but the final response is stored before the chunk that ends it is handed
 * on, and an expanded turn's events name the previous response the client gave (the upstream
 * was sent none). Chunks are whole SSE frames, so a field is never split between two.
 */
function rememberingStream(body: AnswerStream, store: ResponseStore, turn: Turn): AnswerStream {
  let stored = false;
  const previous = turn.previousId === undefined ? undefined : `"previous_response_id":${JSON.stringify(turn.previousId)}`;
  return {
    async next() {
      const result = await body.next();
      if (result.done) return result;
      if (!stored) {
        const response = finalResponse(result.value);
        if (response) {
          stored = true;
          await remember(store, turn, response);
        }
      }
      return previous === undefined ? result : { done: false, value: result.value.replace(NO_PREVIOUS_ID, previous) };
    },
    cancel: () => body.cancel(),
  };
}

async function rememberAnswer(store: ResponseStore, turn: Turn, answer: GatewayAnswer): Promise<GatewayAnswer> {
  if (answer.status !== 200 || answer.body === null) return answer;
  if (isAnswerStream(answer.body)) return { ...answer, body: rememberingStream(answer.body, store, turn) };
  // Parsed once: the pass-through already read the upstream's JSON to check it.
  let response = parsedBody(answer);
  if (response === undefined) {
    try {
      response = JSON.parse(answer.body) as unknown;
    } catch {
      return answer;
    }
  }
  if (!isRecord(response)) return answer;
  await remember(store, turn, response, answer.body);
  // Re-serialised only where the echo is wrong (an expanded request went upstream without its
  // previous id): every other pass-through answer stays byte for byte.
  if ((response.previous_response_id ?? null) === (turn.previousId ?? null)) return answer;
  return { ...answer, body: JSON.stringify(asStored(response, turn)) };
}

/**
 * A Responses `generate` request through its stored state: expanded before `run`, remembered
 * after it. Without a store (a Worker without the RESPONSES binding) the request goes as it is.
 */
export async function withResponsesState(ctx: RequestContext, body: Record<string, unknown>, text: string, run: RunRequest): Promise<GatewayAnswer> {
  const { store, owner } = ctx;
  if (!store) return run(body, text);
  const previousId = stringAt(body.previous_response_id) || undefined;
  const given = inputItems(body.input);
  const references = given.some(isItemReference);
  const storing = body.store !== false;
  if (!previousId && !references && !storing) return run(body, text);
  let earlier: unknown[] = [];
  if (previousId) {
    const previous = await store.get(owner, previousId);
    if (!previous) {
      throw new GatewayError(404, `Previous response with id ${JSON.stringify(previousId)} not found.`, { param: 'previous_response_id', code: 'previous_response_not_found' });
    }
    // A stored turn's compaction_trigger was spent on that turn (its output holds the compaction
    // item); carried over, it would no longer be the final input item it must be.
    earlier = [...previous.input.filter((item) => !isRecord(item) || item.type !== 'compaction_trigger'), ...previous.output];
  }
  const current = references ? await resolveReferences(store, owner, given) : given;
  // Stored as sent: an id minted here would go upstream with the next turn, and a Responses
  // upstream refuses ids on items it does not know (input_items names them when listing).
  const turn: Turn = { owner, previousId, input: [...earlier, ...current] };
  // A turn that expands nothing stores the client's input array as the client wrote it: for a
  // long conversation sent whole, serialising it again would be most of the cost of storing.
  if (!previousId && !references && Array.isArray(body.input)) turn.inputText = topLevelValueText(text, 'input');
  let sent = body;
  let sentText: string | undefined = text;
  if (previousId || references) {
    const { previous_response_id: _expanded, ...rest } = body;
    sent = { ...rest, input: [...earlier, ...current] };
    sentText = undefined;
  }
  const answer = await run(sent, sentText);
  return storing ? rememberAnswer(store, turn, answer) : answer;
}
