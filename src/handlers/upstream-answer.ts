// Reading an upstream's answer, bounded and checked, the same for pass-through and conversion:
// a 200 must be a complete answer of its protocol (else a 502 that names the upstream and what
// was wrong); an error body is read bounded and never echoes the upstream key; a stream goes
// through one stream stage (stream/sse-stream.ts) with the configured deadlines.
import { GatewayError } from '../errors/gateway-error.ts';
import { UpstreamFailure } from '../errors/upstream-failure.ts';
import type { AnswerStream, GatewayAnswer } from '../http/exchange.ts';
import type { Operation } from '../protocols/protocol.ts';
import { isResourceExhausted, upstreamRetryAfterMs } from '../routing/retry-after.ts';
import { scrubSecrets } from '../upstream/relay-response.ts';
import { readUpstreamText } from '../upstream/read-upstream-body.ts';
import { brokenAnswer } from '../upstream/upstream-faults.ts';
import { openSseStream, type StreamStage } from '../stream/sse-stream.ts';
import type { UpstreamReply } from '../upstream/upstream-client.ts';
import type { RequestContext } from './request-context.ts';
import { upstreamHost, type UpstreamResponse, type UpstreamTarget } from './upstream-target.ts';
import type { HubUsage } from '../hub/hub-response.ts';

/** Error bodies are small; a proxy's endless page is not read past this. */
const MAX_ERROR_BYTES = 1024 * 1024;

async function readText(ctx: RequestContext, upstream: UpstreamTarget, reply: UpstreamReply, maxBytes: number): Promise<string> {
  const since = Date.now();
  try {
    return await readUpstreamText(reply, { provider: upstream.provider, signal: ctx.request.signal, idleTimeoutMs: upstream.limits.idleTimeoutMs, maxResponseBytes: maxBytes });
  } catch (error) {
    // An error body that breaks off was already noted with its status (upstreamRefused): one failure, counted once.
    if (error instanceof UpstreamFailure && reply.status >= 200 && reply.status <= 299) noteProblem(ctx, upstream, error);
    throw error;
  } finally {
    ctx.observation.waited(since);
  }
}

/** Notes an upstream failure (host, network cause) for the request's log line. */
function noteProblem(ctx: RequestContext, upstream: UpstreamTarget, error: UpstreamFailure): void {
  ctx.observation.upstreamFailed({ provider: upstream.provider, host: upstreamHost(upstream), ...(error.netCause ? { cause: error.netCause } : {}) });
}

/** A non-2xx body: text with secrets scrubbed, and its JSON when it is JSON. */
export async function readUpstreamError(ctx: RequestContext, upstream: UpstreamTarget, reply: UpstreamReply): Promise<{ text: string; json: unknown }> {
  const text = scrubSecrets(await readText(ctx, upstream, reply, Math.min(MAX_ERROR_BYTES, upstream.limits.maxResponseBytes)), upstream.apiKey ? [upstream.apiKey] : []);
  try {
    return { text, json: JSON.parse(text) as unknown };
  } catch {
    return { text, json: text };
  }
}

/**
 * A non-2xx reply as the UpstreamFailure it ends the attempt with: `render` builds what the
 * client gets if no retry or fallback follows (a converted GatewayError, or a pass-through's
 * relayed answer); the upstream's wait and quota signal ride along for the key pool.
 */
export async function upstreamRefused(
  ctx: RequestContext,
  upstream: UpstreamTarget,
  reply: UpstreamReply,
  render: (error: { text: string; json: unknown }) => GatewayAnswer | GatewayError,
): Promise<never> {
  ctx.observation.upstreamFailed({ provider: upstream.provider, host: upstreamHost(upstream), status: reply.status });
  const error = await readUpstreamError(ctx, upstream, reply);
  const signals = { retryAfterMs: upstreamRetryAfterMs(reply.headers, error.json), quotaExhausted: isResourceExhausted(error.json) };
  let outcome: GatewayAnswer | GatewayError;
  try {
    outcome = render(error);
  } catch (thrown) {
    if (!(thrown instanceof GatewayError)) throw thrown;
    outcome = thrown;
  }
  if (outcome instanceof GatewayError) throw UpstreamFailure.of(outcome, signals);
  throw new UpstreamFailure(reply.status, `The upstream answered HTTP ${reply.status}.`, { ...signals, relayed: outcome });
}

/** A 200 answer: its text as received and its parsed body, checked to be a complete answer. */
export async function readAnswer(ctx: RequestContext, upstream: UpstreamTarget, reply: UpstreamReply, operation: Operation): Promise<{ text: string; body: unknown }> {
  const text = await readText(ctx, upstream, reply, upstream.limits.maxResponseBytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const why = text.trim() === '' ? 'the body is empty' : `the body is not JSON (${error instanceof Error ? error.message : 'parse error'}; it began with ${JSON.stringify(text.slice(0, 80))})`;
    throw brokenAnswer(upstream.provider, upstream.protocol.displayName, why);
  }
  const problem = upstream.protocol.answerProblem(body, operation);
  if (problem !== undefined) throw brokenAnswer(upstream.provider, upstream.protocol.displayName, problem);
  return { text, body };
}

/** Opens a stream answer through `stage`: a stream whose first text is ready, or the HTTP error it failed with. */
export async function openStream(
  ctx: RequestContext,
  upstream: UpstreamTarget,
  sent: UpstreamResponse,
  stage: StreamStage,
  label: string,
  /** Read once when the stream closes: the answer's token usage. */
  usage: () => HubUsage | undefined,
): Promise<AnswerStream> {
  const { limits } = upstream;
  const { observation } = ctx;
  observation.streamOpened(Date.now());
  const opened = await openSseStream(sent.reply.body, stage, {
    provider: upstream.provider,
    signal: ctx.request.signal,
    startedAt: sent.startedAt,
    idleTimeoutMs: limits.idleTimeoutMs,
    firstEventTimeoutMs: limits.firstEventTimeoutMs,
    keepAliveMs: limits.keepAliveMs,
    maxEventBytes: limits.maxResponseBytes,
    onGarbage: (lines) => console.warn(`any-api: ${label}: dropped ${lines} line(s) of the upstream stream that were not SSE`),
    onClose: () => {
      observation.usage = usage();
      observation.streamClosed();
    },
  }).catch((error: unknown) => {
    // Not expected (failures come back as `kind: 'error'`), but the open-streams count must not drift.
    observation.streamFailed();
    throw error;
  });
  // An error before the first event (an HTTP error held back, an error event, a drop) is the
  // upstream's, and may still be retried or failed over: nothing has reached the client yet.
  if (opened.kind === 'error') {
    observation.streamFailed();
    if (ctx.request.signal.aborted) throw opened.error;
    const failure = UpstreamFailure.of(opened.error);
    noteProblem(ctx, upstream, failure);
    throw failure;
  }
  return opened.body;
}
