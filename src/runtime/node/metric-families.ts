// Counters and histograms the request path can update with plain arithmetic. prom-client's own
// `inc(labels)` / `observe(labels, v)` build a label hash string on every call (its children do
// too); with nine updates per request that was most of the metrics' cost per request. Here a
// series is looked up once per label set and kept; prom-client's Registry still does what it is
// good at — the exposition text and its content type — through the `get()` it calls on scrape.
// Label values are bounded by the caller (prometheus-metrics.ts), so the series maps stay small.

type MetricType = 'counter' | 'histogram';

/** A sample as prom-client's Registry formats it: `metricName` (default: the family's name), labels, value. */
interface Sample {
  labels: Record<string, string>;
  value: number;
  metricName?: string;
}

/** What prom-client's Registry reads from a registered metric on scrape (its `get()`). */
interface FamilySnapshot {
  name: string;
  help: string;
  type: MetricType;
  aggregator: 'sum';
  values: Sample[];
}

interface Family<S> {
  name: string;
  help: string;
  type: MetricType;
  /** Read by prom-client's Registry on each scrape. */
  get(): FamilySnapshot;
  /** The series for these label values (in `labelNames` order), made on first use. */
  series(values: readonly string[]): S;
}

export interface CounterSeries {
  value: number;
}

export interface HistogramSeries {
  observe(value: number): void;
}

type Labels = Record<string, string>;

function labelsOf(names: readonly string[], values: readonly string[]): Labels {
  const labels: Labels = {};
  names.forEach((name, i) => {
    labels[name] = values[i] ?? '';
  });
  return labels;
}

/** One map entry per label set; the key joins the values with a character no label value holds here. */
function seriesMap<S>(names: readonly string[], make: (labels: Labels) => S): { get(values: readonly string[]): S; entries(): Iterable<[Labels, S]> } {
  const byKey = new Map<string, { labels: Labels; series: S }>();
  return {
    get(values) {
      const key = values.join('\u0000');
      let entry = byKey.get(key);
      if (!entry) {
        const labels = labelsOf(names, values);
        byKey.set(key, (entry = { labels, series: make(labels) }));
      }
      return entry.series;
    },
    *entries() {
      for (const { labels, series } of byKey.values()) yield [labels, series];
    },
  };
}

export type { Family };

export function counterFamily(name: string, help: string, labelNames: readonly string[]): Family<CounterSeries> {
  const map = seriesMap<CounterSeries>(labelNames, () => ({ value: 0 }));
  return {
    name,
    help,
    type: 'counter',
    series: map.get,
    get: () => ({
      name,
      help,
      type: 'counter',
      aggregator: 'sum',
      values: [...map.entries()].map(([labels, s]): Sample => ({ labels, value: s.value })),
    }),
  };
}

export function histogramFamily(name: string, help: string, labelNames: readonly string[], buckets: readonly number[]): Family<HistogramSeries> {
  const bounds = [...buckets].sort((a, b) => a - b);
  // counts[i]: observations ≤ bounds[i] and > bounds[i-1]; made cumulative on scrape.
  const map = seriesMap(labelNames, () => {
    const counts = new Float64Array(bounds.length);
    const state = { counts, sum: 0, count: 0 };
    return {
      state,
      observe(value: number) {
        state.sum += value;
        state.count += 1;
        for (let i = 0; i < bounds.length; i++) {
          if (value <= (bounds[i] ?? Infinity)) {
            counts[i] = (counts[i] ?? 0) + 1;
            return;
          }
        }
      },
    };
  });
  return {
    name,
    help,
    type: 'histogram',
    series: map.get,
    get() {
      const values: Sample[] = [];
      for (const [labels, { state }] of map.entries()) {
        let cumulative = 0;
        bounds.forEach((bound, i) => {
          cumulative += state.counts[i] ?? 0;
          values.push({ labels: { ...labels, le: String(bound) }, value: cumulative, metricName: `${name}_bucket` });
        });
        values.push({ labels: { ...labels, le: '+Inf' }, value: state.count, metricName: `${name}_bucket` });
        values.push({ labels, value: state.sum, metricName: `${name}_sum` });
        values.push({ labels, value: state.count, metricName: `${name}_count` });
      }
      return { name, help, type: 'histogram', aggregator: 'sum', values };
    },
  };
}
