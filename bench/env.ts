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
