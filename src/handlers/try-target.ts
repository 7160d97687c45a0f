// One try of one target: a pass-through when the target speaks the client's protocol, else a
// conversion through the hub. What attemptChain calls for every target and key it tries.
// Same protocol in and out: only the model changes (plus options and quirks), every other
// field, modelled or not, reaches the upstream intact, and the answer is relayed as it arrives.
import type { ResolvedModel } from '../config/resolve-model.ts';
import type { GatewayAnswer } from '../http/exchange.ts';
import { reportWarnings, Warnings } from '../hub/warnings.ts';
import type { ProtocolAdapter } from '../protocols/adapter.ts';
import type { Operation, RequestTarget } from '../protocols/protocol.ts';
import { applyQuirks } from '../upstream/apply-quirks.ts';
import { convertThroughHub } from './convert-through-hub.ts';
import { COUNT_SOURCE_HEADER } from './count-through-hub.ts';
import { passThroughAnswer } from './pass-through-answer.ts';
import { applyPassThroughOptions } from './pass-through-options.ts';
import type { RequestContext } from './request-context.ts';
import { sendUpstream, type UpstreamTarget } from './upstream-target.ts';

/** What the client sent, parsed and checked: the same for every try. */
export interface InboundRequest {
  inbound: ProtocolAdapter;
  operation: Operation;
  target: RequestTarget;
  body: Record<string, unknown>;
  /** The body's JSON text as received; undefined once the body was changed (a stored conversation expanded). */
  text: string | undefined;
}

/** The request on `upstream`: passed through or converted, as its protocol needs. */
export function tryTarget(ctx: RequestContext, request: InboundRequest, upstream: UpstreamTarget, resolved: ResolvedModel): Promise<GatewayAnswer> {
  const { inbound, operation, target, body } = request;
  if (upstream.protocol.id !== inbound.id) return convertThroughHub(ctx, inbound, upstream, resolved, body, target, operation);
  return passThrough(ctx, request, upstream, resolved);
}

/** Same protocol in and out: only the model changes (plus options and quirks); the answer is relayed. */
export async function passThrough(ctx: RequestContext, request: InboundRequest, upstream: UpstreamTarget, resolved: ResolvedModel): Promise<GatewayAnswer> {
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
  const sent = await sendUpstream(ctx, upstream, resolved, path, stream, upstreamBody, warnings);
  const label = `${inbound.id} pass-through (${resolved.id})`;
  const relayed = await passThroughAnswer(ctx, inbound, upstream, sent, operation, stream, label);
  reportWarnings(warnings, relayed.headers, label);
  ctx.observation.warnings = warnings.size;
  if (operation === 'count-tokens' && relayed.status >= 200 && relayed.status <= 299) relayed.headers[COUNT_SOURCE_HEADER] = 'upstream';
  return relayed;
}
