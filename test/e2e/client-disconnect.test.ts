// A client that goes away mid-stream takes the upstream request with it, on every converted
// pair: the upstream streams through its first text delta and then holds the connection open;
// the client reads that text and aborts; the upstream's socket must close within 1 s. The
// gateway is a real child process with no crash guard: a keep-alive or deadline timer that
// outlives the aborted stream would kill it, so afterwards it must still be alive and answer.
//
// The idle deadline is raised here (the other deadlines and the keep-alive are the suite's):
// with idleTimeoutMs at 400 ms the gateway would drop the silent upstream by itself within the
// 1 s, and the test could not tell an abort that propagates from one that does not.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_IDS, type ProtocolId } from '../../src/protocols/protocol-id.ts';
import { closedWithin, useFaultyGateway } from '../helpers/faulty-upstream.ts';
import { PROVIDER_ID } from '../helpers/gateway.ts';
import { readUntil, send } from '../helpers/raw-client.ts';

const KEEP_ALIVE_MS = 100;
const DEADLINE_MS = 400;
const OPTIONS = { timeoutMs: DEADLINE_MS, idleTimeoutMs: 30_000, firstEventTimeoutMs: DEADLINE_MS, streamKeepAliveMs: KEEP_ALIVE_MS };

const PAIRS = PROTOCOL_IDS.flatMap((inbound) => PROTOCOL_IDS.filter((u) => u !== inbound).map((upstream) => ({ inbound, upstream })));
const keyFor = (inbound: ProtocolId, upstream: ProtocolId) => `cd-${PROVIDER_ID[inbound]}-to-${PROVIDER_ID[upstream]}`;

const ctx = useFaultyGateway(OPTIONS, PAIRS.map(({ inbound, upstream }) => keyFor(inbound, upstream)));

describe.concurrent('a client disconnect mid-stream aborts the upstream request', () => {
  it.each(PAIRS)('$inbound client → $upstream upstream', async ({ inbound, upstream: target }) => {
    const key = keyFor(inbound, target);
    ctx.upstream.set(key, 'stall-stream');
    const controller = new AbortController();
    const guard = setTimeout(() => controller.abort(new Error('the first text never came')), 5_000);
    const res = await send(ctx.gateway.url, inbound, `${PROVIDER_ID[target]}.${key}`, true, controller.signal);
    expect(res.status).toBe(200);
    const seen = await readUntil(res.body!.getReader(), 'Hello');
    clearTimeout(guard);
    expect(seen, 'the first text reached the client').toContain('Hello');
    const request = await ctx.upstream.requestFor(key);
    expect(await closedWithin(request, 0), 'the upstream request was still open before the abort').toBeUndefined();

    const abortedAt = performance.now();
    controller.abort();
    const closed = await closedWithin(request, 1_000);
    expect(closed, 'the upstream request was not aborted within 1 s of the client leaving').toBeDefined();
    expect(closed!.early, 'the upstream reply had not finished').toBe(true);
    expect(closed!.at - abortedAt).toBeLessThanOrEqual(1_000);
  });
});

it('the gateway process is alive 3 keep-alive intervals (and a deadline) after the aborts, and answers', async () => {
  await sleep(3 * KEEP_ALIVE_MS + DEADLINE_MS + 100);
  expect(ctx.gateway.alive(), `the gateway process died:\n${ctx.gateway.stderr()}`).toBe(true);
  const res = await send(ctx.gateway.url, 'openai-chat-completions', 'chat.test-model', false, AbortSignal.timeout(4_000));
  expect(res.status, await res.clone().text()).toBe(200);
  expect(ctx.gateway.stderr()).not.toMatch(/ERR_INVALID_STATE|uncaught/i);
});
