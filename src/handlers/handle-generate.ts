// generate / stream / count-tokens for one inbound protocol:
// parse → validate → resolve the model's chain (`provider.model` or an alias, then fallbacks)
// → try its targets (attempt-chain.ts), each try a pass-through, or a conversion through the
// hub when that target speaks another protocol (try-target.ts).
import { resolveChain } from '../config/resolve-model.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import type { GatewayAnswer } from '../http/exchange.ts';
import { readJsonBody } from '../http/read-json-body.ts';
import type { ProtocolAdapter } from '../protocols/adapter.ts';
import { ADAPTERS } from '../protocols/index.ts';
import type { Operation, RequestTarget } from '../protocols/protocol.ts';
import type { ProtocolId } from '../protocols/protocol-id.ts';
import { formatIssues, pointerToParam } from '../validation/validate.ts';
import type { RequestContext } from './request-context.ts';
import { upstreamTarget } from './upstream-target.ts';
import { tryTarget, type InboundRequest } from './try-target.ts';
import { attemptChain } from './attempt-chain.ts';
import { conversationKey } from '../routing/conversation-key.ts';
import { withResponsesState } from './responses-state.ts';
import { responsesTurn, withCompactionsExpanded } from './compaction.ts';

function validate(inbound: ProtocolAdapter, operation: Operation, body: Record<string, unknown>): void {
  const result = inbound.validators[operation](body);
  if (result.ok) return;
  const first = result.issues[0];
  throw new GatewayError(400, `Invalid request body: ${formatIssues(result.issues)}`, first?.path ? { param: pointerToParam(first.path) } : {});
}

export async function handleGenerate(
  ctx: RequestContext,
  protocolId: ProtocolId,
  operation: Operation,
  target: RequestTarget = {},
): Promise<GatewayAnswer> {
  const inbound = ADAPTERS[protocolId];
  ctx.observation.inbound = protocolId;
  const { value: body, text } = await readJsonBody(ctx.request, ctx.maxBodyBytes);
  validate(inbound, operation, body);
  const model = inbound.modelOf(body, target);
  // Client text: bounded, so a junk model name cannot bloat the log line.
  if (typeof model === 'string') ctx.observation.model = model.slice(0, 200);
  const chain = resolveChain(ctx.config, model, inbound.modelParam);
  const route = (sent: Record<string, unknown>, sentText: string | undefined) => {
    const request: InboundRequest = { inbound, operation, target, body: sent, text: sentText };
    return attemptChain(ctx, chain, () => conversationKey(ctx.request.headers, body), (resolved, apiKey) => tryTarget(ctx, request, upstreamTarget(ctx, inbound, resolved, apiKey), resolved));
  };
  // Responses are stateful: expanded from the store before, stored after (responses-state.ts);
  // compaction items are opened, and a compaction_trigger compacts (compaction.ts).
  if (protocolId === 'openai-responses' && operation === 'generate') {
    return withResponsesState(ctx, body, text, (sent, sentText) => responsesTurn(ctx, sent, sentText, route));
  }
  if (protocolId === 'openai-responses') {
    // Counting too: the gateway's compaction items count as the summary they stand for.
    const expanded = await withCompactionsExpanded(ctx, body);
    return route(expanded, expanded === body ? text : undefined);
  }
  return route(body, text);
}
