// POST /_any-api/dry-run: what the gateway would send upstream for a request, without sending
// it. The request `{ "path": "/claude/v1/messages", "body": {…} }` goes through the very same
// router and handlers as a real one (route → validate → resolve the model → pass through or
// convert through the hub → options, quirks, headers); sendUpstream sees `ctx.dryRun` and
// throws the built request back here (dry-run-captured.ts) instead of calling the network.
// The answer: `{ upstream: { method, url, headers, body }, warnings }`, secrets redacted.
// A request the real route would refuse is refused the same way, in that route's envelope.
import { GatewayError } from '../errors/gateway-error.ts';
import { renderError } from '../errors/render-error.ts';
import { isAnswerStream, jsonAnswer, type GatewayAnswer, type GatewayRequest } from '../http/exchange.ts';
import { readJsonBody } from '../http/read-json-body.ts';
import { WARNINGS_HEADER } from '../hub/warnings.ts';
import { protocolForPath } from '../routes.ts';
import { DRY_RUN_PATH, DryRunCaptured } from './dry-run-captured.ts';
import { redactUpstream } from './redact-upstream.ts';
import type { RequestContext } from './request-context.ts';

export { DRY_RUN_PATH } from './dry-run-captured.ts';

/** Routes a request through the app's router, as the app does for a real one. */
export type Dispatch = (ctx: RequestContext) => Promise<GatewayAnswer>;

function innerPath(path: unknown): string {
  // Only a path on this gateway: `//host/…` would name another host, and a dry run of a dry run says nothing.
  if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//')) {
    throw new GatewayError(400, 'A dry run needs "path": the inbound route to try, e.g. "/claude/v1/messages".', { param: 'path' });
  }
  if (new URL(path, 'http://gateway').pathname === DRY_RUN_PATH) throw new GatewayError(400, 'A dry run cannot dry-run itself.', { param: 'path' });
  return path;
}

/** The inner request's body: an object as JSON, a string as the raw text a client would send (so bad JSON can be tried too). */
function innerText(body: unknown): string {
  if (body === undefined) throw new GatewayError(400, 'A dry run needs "body": the request the route would receive.', { param: 'body' });
  return typeof body === 'string' ? body : JSON.stringify(body);
}

async function* once(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

export async function dryRun(ctx: RequestContext, dispatch: Dispatch): Promise<GatewayAnswer> {
  const { value } = await readJsonBody(ctx.request, ctx.maxBodyBytes);
  const url = new URL(innerPath(value.path), ctx.request.url);
  const outer = ctx.request;
  const request: GatewayRequest = {
    method: 'POST',
    url,
    // The client's own headers (anthropic-beta, anthropic-version…) count as they would on the
    // real route; the outer body's length does not describe the inner one.
    headers: { get: (name) => (name.toLowerCase() === 'content-length' ? null : outer.headers.get(name)) },
    body: once(innerText(value.body)),
    signal: outer.signal,
  };
  try {
    const answer = await dispatch({ ...ctx, request, attempts: { count: 0 }, dryRun: true });
    if (isAnswerStream(answer.body)) await answer.body.cancel();
    if (answer.status >= 400) return answer;
    // Answered with no upstream call at all (a token count the gateway estimates itself).
    const warnings = answer.headers[WARNINGS_HEADER];
    return jsonAnswer({ upstream: null, warnings: warnings ? [warnings] : [], note: 'The gateway answers this request itself; nothing would be sent upstream.' });
  } catch (error) {
    if (error instanceof DryRunCaptured) return jsonAnswer({ upstream: redactUpstream(error.call), warnings: error.warnings });
    return renderError(protocolForPath(url.pathname), error);
  }
}
