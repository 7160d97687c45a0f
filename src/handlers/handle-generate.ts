// generate / stream / count-tokens for one inbound protocol:
// parse → validate → resolve the model's chain (`provider.model` or an alias, then fallbacks)
// → try its targets (attempt-chain.ts), each try a pass-through, or a conversion through the
// hub when that target speaks another protocol (convert-through-hub.ts).
// Same protocol in and out is a pass-through: only the model changes and every other field,
// modelled or not, reaches the upstream intact; the answer is relayed as it arrives.
import { resolveChain, type ResolvedModel } from '../config/resolve-model.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import type { GatewayAnswer } from '../http/exchange.ts';
import { readJsonBody } from '../http/read-json-body.ts';
import type { ProtocolAdapter } from '../protocols/adapter.ts';
import { ADAPTERS } from '../protocols/index.ts';
import type { Operation, RequestTarget } from '../protocols/protocol.ts';
import type { ProtocolId } from '../protocols/protocol-id.ts';
import { formatIssues, pointerToParam } from '../validation/validate.ts';
import { reportWarnings, Warnings } from '../hub/warnings.ts';
import { applyQuirks } from '../upstream/apply-quirks.ts';
import { convertThroughHub } from './convert-through-hub.ts';
import { COUNT_SOURCE_HEADER } from './count-through-hub.ts';
import { passThroughAnswer } from './pass-through-answer.ts';
import { applyPassThroughOptions } from './pass-through-options.ts';
import type { RequestContext } from './request-context.ts';
import { sendUpstream, upstreamTarget, type UpstreamTarget } from './upstream-target.ts';
import { attemptChain } from './attempt-chain.ts';
import { conversationKey } from '../routing/conversation-key.ts';
import { withResponsesState } from './responses-state.ts';

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
  const { value: body, text } = await readJsonBody(ctx.request, ctx.maxBodyBytes);
  validate(inbound, operation, body);
  const chain = resolveChain(ctx.config, inbound.modelOf(body, target), inbound.modelParam);
  const route = (sent: Record<string, unknown>, sentText: string | undefined) => {
    const request: InboundRequest = { inbound, operation, target, body: sent, text: sentText };
    return attemptChain(ctx, chain, () => conversationKey(ctx.request.headers, body), (resolved, apiKey) => {
      const upstream = upstreamTarget(ctx, inbound, resolved, apiKey);
      if (upstream.protocol.id !== inbound.id) return convertThroughHub(ctx, inbound, upstream, resolved, sent, target, operation);
      return passThrough(ctx, request, upstream, resolved);
    });
  };
  // Responses are stateful: expanded from the store before, stored after (responses-state.ts).
  if (protocolId === 'openai-responses' && operation === 'generate') return withResponsesState(ctx, body, text, route);
  return route(body, text);
}

/** What the client sent, parsed and checked: the same for every try. */
interface InboundRequest {
  inbound: ProtocolAdapter;
  operation: Operation;
  target: RequestTarget;
  body: Record<string, unknown>;
  /** The body's JSON text as received; undefined once the body was changed (a stored conversation expanded). */
  text: string | undefined;
}

/** Same protocol in and out: only the model changes (plus options and quirks); the answer is relayed. */
async function passThrough(ctx: RequestContext, request: InboundRequest, upstream: UpstreamTarget, resolved: ResolvedModel): Promise<GatewayAnswer> {
  const { inbound, operation, target, body, text } = request;
  const stream = operation === 'generate' && inbound.isStream(body, target);
  const warnings = new Warnings();
  const adjusted = operation === 'generate' ? applyPassThroughOptions(inbound, body, resolved.options, warnings) : body;
  const withModel = inbound.withUpstreamModel(adjusted, resolved.model.upstreamModel);
  const quirked = applyQuirks(resolved.provider, withModel, warnings);
  // A body whose only change is the model goes out as the client's own text with that value
  // edited in (Gemini: the model is in the URL, so byte for byte); anything else is serialised.
  const untouched = adjusted === body && quirked === withModel;
  const upstreamBody = (untouched && text !== undefined ? inbound.withUpstreamModelText(text, resolved.model.upstreamModel) : undefined) ?? quirked;
  const path = upstream.protocol.upstreamPath(operation, resolved.model.upstreamModel, stream);
  const sent = await sendUpstream(ctx, upstream, resolved, path, stream, upstreamBody);
  const label = `${inbound.id} pass-through (${resolved.id})`;
  const relayed = await passThroughAnswer(ctx, inbound, upstream, sent, operation, stream, label);
  reportWarnings(warnings, relayed.headers, label);
  if (operation === 'count-tokens' && relayed.status >= 200 && relayed.status <= 299) relayed.headers[COUNT_SOURCE_HEADER] = 'upstream';
  return relayed;
}
