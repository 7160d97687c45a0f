// Compaction (what Codex uses on long sessions), on every upstream type:
// - `POST /responses/compact` (https://developers.openai.com/api/reference/resources/responses/methods/compact)
// - a `compaction_trigger` as the final input item of `POST /responses`
// - `compaction` items coming back in a later request's input.
// A Responses upstream has compaction itself: the request is passed through (`quirks.noCompaction`
// says one has not). Everywhere else the gateway emulates it: one summarising turn on the target
// model, returned as exactly one `compaction` item whose `encrypted_content` is the gateway's
// sealed envelope (compaction/sealed-envelope.ts). When such an item comes back, it is opened
// and becomes the summary, and the items before it are dropped, for any upstream — before
// routing, so a fallback of another type gets the same conversation.
// https://developers.openai.com/api/docs/guides/compaction
import { resolveChain, type ResolvedModel } from '../config/resolve-model.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import { isAnswerStream, jsonAnswer, type GatewayAnswer } from '../http/exchange.ts';
import { readJsonBody } from '../http/read-json-body.ts';
import { mintId, nowSeconds } from '../hub/mint-id.ts';
import { ADAPTERS } from '../protocols/index.ts';
import { isRecord, stringAt, type JsonObject } from '../protocols/read-json.ts';
import { conversationKey } from '../routing/conversation-key.ts';
import { SSE_HEADERS } from '../stream/sse.ts';
import { formatIssues, pointerToParam } from '../validation/validate.ts';
import { compactionEvents, wholeStream } from '../compaction/compaction-stream.ts';
import { compactionItem, expandCompactions, inputItems, isCompactionTriggered, summarisingBody, summaryOf } from '../compaction/compaction-items.ts';
import { compactionKey } from '../compaction/compaction-secret.ts';
import { openEnvelope, sealEnvelope } from '../compaction/sealed-envelope.ts';
import { attemptChain } from './attempt-chain.ts';
import type { RequestContext } from './request-context.ts';
import { withResponsesState, type RunRequest } from './responses-state.ts';
import { passThrough, tryTarget } from './try-target.ts';
import { passThroughAnswer } from './pass-through-answer.ts';
import { sendUpstream, upstreamTarget, type UpstreamTarget } from './upstream-target.ts';

const RESPONSES = ADAPTERS['openai-responses'];

/** What an envelope is sealed for: one gateway key's owner, so another key's items do not open. */
const sealedFor = (ctx: RequestContext) => `compaction:${ctx.owner}`;

/** The target compacts by itself: a Responses upstream not marked `quirks.noCompaction`. */
function upstreamCompacts(resolved: ResolvedModel): boolean {
  return resolved.provider.type === 'openai-responses' && resolved.provider.quirks?.noCompaction !== true;
}

async function openSummary(ctx: RequestContext, envelope: string): Promise<string | undefined> {
  const opened = await openEnvelope(await compactionKey(ctx.env), envelope, sealedFor(ctx));
  if (opened === undefined) return undefined;
  try {
    const payload: unknown = JSON.parse(opened);
    return isRecord(payload) ? stringAt(payload.summary) : undefined;
  } catch {
    return undefined;
  }
}

/** The body with the gateway's compaction items expanded into their summaries (the same object when it has none). */
export async function withCompactionsExpanded(ctx: RequestContext, body: JsonObject): Promise<JsonObject> {
  const expanded = await expandCompactions(inputItems(body.input), (envelope) => openSummary(ctx, envelope));
  return expanded === undefined ? body : { ...body, input: expanded };
}

/** `/responses/compact` or a `compaction_trigger`: what the client gets back differs. */
type Kind = 'endpoint' | 'trigger';

/** The answer's JSON body; a summarising answer is never streamed. */
function answerJson(answer: GatewayAnswer): JsonObject {
  if (answer.body !== null && !isAnswerStream(answer.body)) {
    try {
      const value: unknown = JSON.parse(answer.body);
      if (isRecord(value)) return value;
    } catch {
      // Not JSON: reported below.
    }
  }
  throw new GatewayError(502, 'The upstream answer to the summarising request was not a Responses object.');
}

/** One summarising turn on the target, sealed into one compaction item. */
async function emulate(ctx: RequestContext, body: JsonObject, kind: Kind, upstream: UpstreamTarget, resolved: ResolvedModel): Promise<GatewayAnswer> {
  // Before the upstream is paid for: a gateway without a secret cannot seal the result.
  const key = await compactionKey(ctx.env);
  const summarising = { inbound: RESPONSES, operation: 'generate' as const, target: {}, body: summarisingBody(body), text: undefined };
  const answer = await tryTarget(ctx, summarising, upstream, resolved);
  const response = answerJson(answer);
  const summary = summaryOf(response);
  if (summary === '') throw new GatewayError(502, `The model (${resolved.id}) gave no summary to compact the conversation into.`);
  const item = compactionItem(await sealEnvelope(key, JSON.stringify({ summary }), sealedFor(ctx)));
  const { 'content-type': _type, 'content-length': _length, ...headers } = answer.headers;
  if (kind === 'endpoint') {
    // The compacted response object; OpenAI lists the user messages before the item, the
    // gateway's summary carries them, so the new window is the item alone.
    return jsonAnswer({ id: mintId('resp_'), object: 'response.compaction', created_at: nowSeconds(), output: [item], usage: response.usage ?? null }, 200, headers);
  }
  // A Response like any other, its output the compaction item; settings echo the client's turn.
  const compacted: JsonObject = { ...response, output: [item], store: body.store !== false, tool_choice: body.tool_choice ?? 'auto' };
  if (body.stream !== true) return jsonAnswer(compacted, 200, headers);
  return { status: 200, headers: { ...headers, ...SSE_HEADERS }, body: wholeStream(compactionEvents(compacted)) };
}

/** `/responses/compact` to a Responses upstream that has it: only the model changes. */
async function forwardCompact(ctx: RequestContext, body: JsonObject, text: string | undefined, upstream: UpstreamTarget, resolved: ResolvedModel): Promise<GatewayAnswer> {
  const upstreamBody = (text !== undefined ? RESPONSES.withUpstreamModelText(text, resolved.model.upstreamModel) : undefined) ?? RESPONSES.withUpstreamModel(body, resolved.model.upstreamModel);
  const sent = await sendUpstream(ctx, upstream, resolved, '/responses/compact', false, upstreamBody);
  return passThroughAnswer(ctx, RESPONSES, upstream, sent, 'generate', false, `openai-responses compact pass-through (${resolved.id})`);
}

/** Compaction through the model's chain: each target passes it through or emulates it. */
function compactThroughChain(ctx: RequestContext, body: JsonObject, text: string | undefined, kind: Kind): Promise<GatewayAnswer> {
  const chain = resolveChain(ctx.config, body.model, 'model');
  return attemptChain(ctx, chain, () => conversationKey(ctx.request.headers, body), (resolved, apiKey) => {
    const upstream = upstreamTarget(ctx, RESPONSES, resolved, apiKey);
    if (!upstreamCompacts(resolved)) return emulate(ctx, body, kind, upstream, resolved);
    if (kind === 'endpoint') return forwardCompact(ctx, body, text, upstream, resolved);
    return passThrough(ctx, { inbound: RESPONSES, operation: 'generate', target: {}, body, text }, upstream, resolved);
  });
}

/**
 * A Responses turn after the store expanded it: the gateway's compaction items opened, then
 * either compacted (a final `compaction_trigger`) or routed as usual by `route`.
 */
export async function responsesTurn(ctx: RequestContext, body: JsonObject, text: string | undefined, route: RunRequest): Promise<GatewayAnswer> {
  const expanded = await withCompactionsExpanded(ctx, body);
  const sentText = expanded === body ? text : undefined;
  if (isCompactionTriggered(expanded)) return compactThroughChain(ctx, expanded, sentText, 'trigger');
  return route(expanded, sentText);
}

/** `POST /responses/compact`: the conversation (input, or a stored previous_response_id) compacted; nothing is stored. */
export async function handleCompact(ctx: RequestContext): Promise<GatewayAnswer> {
  const { value: body, text } = await readJsonBody(ctx.request, ctx.maxBodyBytes);
  if (typeof body.model !== 'string' || body.model === '') throw new GatewayError(400, 'model is required.', { param: 'model' });
  // The compact request is a subset of a create request: the same checks apply to its fields.
  const result = RESPONSES.validators.generate(body);
  if (!result.ok) {
    const first = result.issues[0];
    throw new GatewayError(400, `Invalid request body: ${formatIssues(result.issues)}`, first?.path ? { param: pointerToParam(first.path) } : {});
  }
  if (inputItems(body.input).some((item) => isRecord(item) && item.type === 'compaction_trigger')) {
    throw new GatewayError(400, 'compaction_trigger belongs in a POST /responses request; /responses/compact compacts its whole input.', { param: 'input' });
  }
  // `store: false`: previous_response_id and item references are expanded, and nothing is kept.
  const given = { ...body, store: false };
  return withResponsesState(ctx, given, text, async (sent) => {
    const { store: _store, ...rest } = sent;
    const expanded = await withCompactionsExpanded(ctx, rest);
    // Nothing expanded: the client's own text goes upstream, only the model edited in.
    return compactThroughChain(ctx, expanded, sent === given && expanded === rest ? text : undefined, 'endpoint');
  });
}
