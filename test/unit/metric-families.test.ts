// The Node metrics' own counters and histograms (runtime/node/metric-families.ts), read back
// through prom-client's Registry as a scraper reads /metrics.
import { Registry, type Counter } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { counterFamily, histogramFamily } from '../../src/runtime/node/metric-families.ts';

async function scrape(...families: object[]): Promise<string[]> {
  const registry = new Registry();
  for (const family of families) registry.registerMetric(family as Counter);
  return (await registry.metrics()).split('\n');
}

describe('metric families', () => {
  it('a histogram exposes cumulative buckets, +Inf, sum and count per label set', async () => {
    const h = histogramFamily('t_seconds', 'Test durations.', ['route'], [0.5, 0.1, 1]);
    const a = h.series(['/a']);
    for (const v of [0.05, 0.1, 0.3, 0.7, 5]) a.observe(v);
    h.series(['/b']).observe(0.2);
    const lines = await scrape(h);
    expect(lines).toContain('# TYPE t_seconds histogram');
    expect(lines).toContain('t_seconds_bucket{route="/a",le="0.1"} 2');
    expect(lines).toContain('t_seconds_bucket{route="/a",le="0.5"} 3');
    expect(lines).toContain('t_seconds_bucket{route="/a",le="1"} 4');
    expect(lines).toContain('t_seconds_bucket{route="/a",le="+Inf"} 5');
    expect(lines).toContain('t_seconds_sum{route="/a"} 6.15');
    expect(lines).toContain('t_seconds_count{route="/a"} 5');
    expect(lines).toContain('t_seconds_bucket{route="/b",le="0.1"} 0');
    expect(lines).toContain('t_seconds_count{route="/b"} 1');
  });

  it('a counter keeps one series per label set, the same object each time', async () => {
    const c = counterFamily('t_total', 'Test count.', ['provider', 'cause']);
    expect(c.series(['p', 'x'])).toBe(c.series(['p', 'x']));
    c.series(['p', 'x']).value += 2;
    c.series(['p', 'y']).value += 1;
    // A label value with a quote and a newline is escaped by the Registry, not cut.
    c.series(['q"\n', 'z']).value += 1;
    const lines = await scrape(c);
    expect(lines).toContain('# TYPE t_total counter');
    expect(lines).toContain('t_total{provider="p",cause="x"} 2');
    expect(lines).toContain('t_total{provider="p",cause="y"} 1');
    expect(lines).toContain('t_total{provider="q\\"\\n",cause="z"} 1');
  });
});
