// Latency at one connection: requests one after another over one keep-alive connection for a
// few seconds, each timed to its first body byte (TTFB; for SSE, the first frame) and to its
// last. autocannon's many connections measure throughput and latency under load; this is what
// a single client waiting on each answer sees.
import { performance } from 'node:perf_hooks';
import { Client } from 'undici';
import type { LoadSpec } from './load.ts';
import { percentile } from './percentile.ts';

export interface SerialResult {
  /** 2xx answers timed, and the other answers or failures. */
  requests: number;
  failed: number;
  /** Time to the last byte, ms, percentiles over the 2xx answers. */
  p50: number;
  p99: number;
  /** Time to the first body byte, ms, median over the 2xx answers. */
  ttfb50: number;
}

export async function runSerial(spec: LoadSpec, seconds: number): Promise<SerialResult> {
  const url = new URL(spec.url);
  const client = new Client(url.origin, { pipelining: 1, keepAliveTimeout: 30_000 });
  const total: number[] = [];
  const first: number[] = [];
  let failed = 0;
  const deadline = performance.now() + seconds * 1000;
  try {
    while (performance.now() < deadline) {
      const started = performance.now();
      try {
        const reply = await client.request({
          method: spec.method,
          path: `${url.pathname}${url.search}`,
          headers: spec.headers,
          ...(spec.body === undefined ? {} : { body: spec.body }),
          headersTimeout: 10_000,
          bodyTimeout: 10_000,
        });
        let firstByte = Number.NaN;
        for await (const _chunk of reply.body) if (Number.isNaN(firstByte)) firstByte = performance.now();
        const ended = performance.now();
        if (reply.statusCode < 200 || reply.statusCode > 299) failed++;
        else {
          total.push(ended - started);
          first.push((Number.isNaN(firstByte) ? ended : firstByte) - started);
        }
      } catch {
        failed++;
      }
    }
  } finally {
    await client.close().catch(() => undefined);
  }
  return { requests: total.length, failed, p50: percentile(total, 50), p99: percentile(total, 99), ttfb50: percentile(first, 50) };
}
