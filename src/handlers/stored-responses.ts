// The stored-response endpoints of the Responses API, answered from the gateway's own store:
// GET /responses/{id} (the Response object), DELETE /responses/{id}, and
// GET /responses/{id}/input_items (the turn's input, paginated as OpenAI lists are).
// https://platform.openai.com/docs/api-reference/responses/get
// https://platform.openai.com/docs/api-reference/responses/input-items
import { GatewayError } from '../errors/gateway-error.ts';
import { jsonAnswer, type GatewayAnswer } from '../http/exchange.ts';
import { isRecord, stringAt } from '../protocols/read-json.ts';
import type { ResponseStore, StoredResponse } from '../store/response-store.ts';
import type { RequestContext } from './request-context.ts';

function storeOf(ctx: RequestContext): ResponseStore {
  if (!ctx.store) throw new GatewayError(404, 'This gateway keeps no responses (on Workers, bind the RESPONSES Durable Object).');
  return ctx.store;
}

async function stored(ctx: RequestContext, id: string): Promise<StoredResponse> {
  const entry = await storeOf(ctx).get(ctx.owner, id);
  // Another key's response is as unknown as a missing one: no hint that it exists.
  if (!entry) throw new GatewayError(404, `Response with id ${JSON.stringify(id)} not found.`, { param: 'response_id' });
  return entry;
}

export async function getStoredResponse(ctx: RequestContext, id: string): Promise<GatewayAnswer> {
  if (ctx.request.url.searchParams.get('stream') === 'true') {
    throw new GatewayError(400, 'Streaming a stored response again is not supported by this gateway; GET it without stream=true.', { param: 'stream' });
  }
  return jsonAnswer((await stored(ctx, id)).response);
}

export async function deleteStoredResponse(ctx: RequestContext, id: string): Promise<GatewayAnswer> {
  if (!(await storeOf(ctx).delete(ctx.owner, id))) throw new GatewayError(404, `Response with id ${JSON.stringify(id)} not found.`, { param: 'response_id' });
  return jsonAnswer({ id, object: 'response', deleted: true });
}

function limitOf(value: string | null): number {
  if (value === null) return 20;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new GatewayError(400, 'limit must be an integer from 1 to 100.', { param: 'limit' });
  return limit;
}

export async function listInputItems(ctx: RequestContext, id: string): Promise<GatewayAnswer> {
  const query = ctx.request.url.searchParams;
  const order = query.get('order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') throw new GatewayError(400, 'order must be "asc" or "desc".', { param: 'order' });
  const limit = limitOf(query.get('limit'));
  // Items the client sent without an id get one for listing and paging, stable across calls.
  const items = (await stored(ctx, id)).input.map((item, i) => (isRecord(item) && stringAt(item.id) === undefined ? { ...item, id: `${id}_item_${i}` } : item));
  if (order === 'desc') items.reverse();
  const idOf = (item: unknown) => (isRecord(item) ? stringAt(item.id) : undefined);
  let start = 0;
  const after = query.get('after');
  if (after !== null) start = items.findIndex((item) => idOf(item) === after) + 1;
  let end = items.length;
  const before = query.get('before');
  if (before !== null) {
    const at = items.findIndex((item) => idOf(item) === before);
    if (at >= 0) end = at;
  }
  const page = items.slice(start, end).slice(0, limit);
  return jsonAnswer({
    object: 'list',
    data: page,
    first_id: idOf(page[0]) ?? null,
    last_id: idOf(page.at(-1)) ?? null,
    has_more: start + page.length < end,
  });
}
