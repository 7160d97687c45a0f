// Bench settings from the environment, shared by bench/main.ts and bench/conversion.ts (no
// imports from src/, so main.ts can read them without loading the codecs).

/** A positive number from `name`, clamped to [min, max]; `fallback` when unset or not positive. */
export function envNumber(name: string, fallback: number, min: number, max: number): number {
  const raw = Number(process.env[name]);
  return Number.isFinite(raw) && raw > 0 ? Math.min(max, Math.max(min, raw)) : fallback;
}

export interface ConversionOptions {
  /** Iterations per case in the warm-up round. */
  warmup: number;
  /** A case stops at whichever comes first: this many seconds, or `iterations`. */
  seconds: number;
  iterations: number;
}

/** BENCH_CONVERSION_WARMUP (20), BENCH_CONVERSION_SECONDS (2), BENCH_CONVERSION_ITERATIONS (500). */
export function conversionOptionsFromEnv(): ConversionOptions {
  return {
    warmup: Math.round(envNumber('BENCH_CONVERSION_WARMUP', 20, 1, 10_000)),
    seconds: envNumber('BENCH_CONVERSION_SECONDS', 2, 0.1, 60),
    iterations: Math.round(envNumber('BENCH_CONVERSION_ITERATIONS', 500, 10, 1_000_000)),
  };
}

export interface StreamingOptions {
  /** Text deltas per upstream stream. */
  chunks: number;
  /** Timed sequential streams per case, and untimed ones before them. */
  requests: number;
  warmup: number;
  /** The fast upstream yields (setImmediate) after every this many frames; 0: never. */
  gapEvery: number;
  /** Concurrent converted streams, their upstream spread over spreadMs, repeated `rounds` times. */
  concurrency: number;
  spreadMs: number;
  rounds: number;
}

/** Like envNumber, but an explicit `0` is kept (it means "off"). */
function envCount(name: string, fallback: number, max: number): number {
  return process.env[name]?.trim() === '0' ? 0 : Math.round(envNumber(name, fallback, 1, max));
}

/**
 * BENCH_STREAM_CHUNKS (500), BENCH_STREAM_REQUESTS (50), BENCH_STREAM_WARMUP (20),
 * BENCH_STREAM_GAP_EVERY (50; 0 = write every frame in one go), BENCH_STREAM_CONCURRENCY (256),
 * BENCH_STREAM_SPREAD_MS (2000), BENCH_STREAM_ROUNDS (2; 0 skips the concurrency case).
 */
export function streamingOptionsFromEnv(): StreamingOptions {
  return {
    chunks: Math.round(envNumber('BENCH_STREAM_CHUNKS', 500, 1, 100_000)),
    requests: Math.round(envNumber('BENCH_STREAM_REQUESTS', 50, 1, 10_000)),
    warmup: envCount('BENCH_STREAM_WARMUP', 20, 10_000),
    gapEvery: envCount('BENCH_STREAM_GAP_EVERY', 50, 100_000),
    concurrency: Math.round(envNumber('BENCH_STREAM_CONCURRENCY', 256, 1, 10_000)),
    spreadMs: envNumber('BENCH_STREAM_SPREAD_MS', 2000, 50, 60_000),
    rounds: envCount('BENCH_STREAM_ROUNDS', 2, 10),
  };
}

export interface LoadOptions {
  /** Converted streams opened at once per round. */
  streams: number;
  rounds: number;
  /** How long after the last round the gateway's "settled" RSS is read, ms. */
  settleMs: number;
  /** Text deltas per upstream stream, spread over spreadMs once all the round's streams are in. */
  chunks: number;
  spreadMs: number;
}

/**
 * BENCH_LOAD_STREAMS (1000), BENCH_LOAD_ROUNDS (3), BENCH_LOAD_SETTLE_MS (10000); the stream's
 * shape: BENCH_LOAD_CHUNKS (300) deltas over BENCH_LOAD_SPREAD_MS (15000: 20 deltas/s a stream, an LLM's pace; 1500 saturates the gateway's CPU).
 */
export function loadOptionsFromEnv(): LoadOptions {
  return {
    streams: Math.round(envNumber('BENCH_LOAD_STREAMS', 1000, 1, 10_000)),
    rounds: Math.round(envNumber('BENCH_LOAD_ROUNDS', 3, 1, 20)),
    settleMs: Math.round(envNumber('BENCH_LOAD_SETTLE_MS', 10_000, 100, 600_000)),
    chunks: Math.round(envNumber('BENCH_LOAD_CHUNKS', 300, 1, 100_000)),
    spreadMs: Math.round(envNumber('BENCH_LOAD_SPREAD_MS', 15_000, 50, 60_000)),
  };
}

export interface PassthroughOptions {
  /** Measured seconds per case and target, after `warmupSeconds` plus, for the target processes (fresh per case), `primeSeconds` of warm-up. */
  seconds: number;
  warmupSeconds: number;
  primeSeconds: number;
  connections: number;
  /** Times each target is measured per case, targets taking turns; the median round is shown. */
  rounds: number;
  /** Seconds at one connection after each measured run (added p50 and TTFB at c=1); 0 skips. */
  serialSeconds: number;
  /** Extra node flags for the gateway processes (this checkout's and the baseline's). */
  gatewayNodeArgs: string[];
  /** Gateway case names to run, in that order; empty: all. */
  cases: string[];
  /** An older checkout whose bench/gateway-process.ts is measured too, as `before`. */
  baselineDir: string | undefined;
}

const words = (value: string | undefined, separator: RegExp) => (value ?? '').split(separator).map((w) => w.trim()).filter((w) => w !== '');

/**
 * BENCH_SECONDS (3), BENCH_CONNECTIONS (32), BENCH_ROUNDS (1), BENCH_PRIME (1; 0 skips), BENCH_SERIAL_SECONDS (1;
 * 0 skips), BENCH_GATEWAY_NODE_ARGS, BENCH_CASES, BENCH_BASELINE_DIR.
 */
export function passthroughOptionsFromEnv(): PassthroughOptions {
  const seconds = envNumber('BENCH_SECONDS', 3, 1, 60);
  const baselineDir = process.env.BENCH_BASELINE_DIR?.trim();
  return {
    seconds,
    warmupSeconds: Math.min(1, seconds),
    // 0 skips the warm-up round (autocannon would read a duration of 0 as its default of 10 s).
    primeSeconds: process.env.BENCH_PRIME?.trim() === '0' ? 0 : envNumber('BENCH_PRIME', 1, 0.5, 10),
    connections: Math.round(envNumber('BENCH_CONNECTIONS', 32, 1, 1024)),
    rounds: Math.round(envNumber('BENCH_ROUNDS', 1, 1, 15)),
    serialSeconds: process.env.BENCH_SERIAL_SECONDS?.trim() === '0' ? 0 : envNumber('BENCH_SERIAL_SECONDS', 1, 0.2, 30),
    gatewayNodeArgs: words(process.env.BENCH_GATEWAY_NODE_ARGS, /\s+/),
    cases: words(process.env.BENCH_CASES, /,/),
    baselineDir: baselineDir === '' ? undefined : baselineDir,
  };
}

export interface WorkerdOptions {
  /** Timed seconds per case, after `warmupSeconds` of untimed load. */
  seconds: number;
  warmupSeconds: number;
  connections: number;
  /** Also measure the floor Worker (bench/floor-worker.ts) under a wrangler dev of its own. */
  floor: boolean;
  /** Gateway case names to run, in that order (BENCH_CASES, as the pass-through part); empty: all. */
  cases: string[];
}

/**
 * BENCH_WORKERD_SECONDS (3: long enough for /proc's 10 ms clock ticks to be a small part of the
 * CPU read), BENCH_WORKERD_WARMUP (1), BENCH_WORKERD_CONNECTIONS (8), BENCH_WORKERD_FLOOR (1; 0
 * skips the floor Worker), BENCH_CASES.
 */
export function workerdOptionsFromEnv(): WorkerdOptions {
  return {
    seconds: envNumber('BENCH_WORKERD_SECONDS', 3, 1, 60),
    warmupSeconds: envNumber('BENCH_WORKERD_WARMUP', 1, 0.5, 30),
    connections: Math.round(envNumber('BENCH_WORKERD_CONNECTIONS', 8, 1, 256)),
    floor: process.env.BENCH_WORKERD_FLOOR?.trim() !== '0',
    cases: words(process.env.BENCH_CASES, /,/),
  };
}
