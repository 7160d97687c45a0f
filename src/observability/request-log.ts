// The one log line per request: JSON (one object per line, what log collectors and Workers
// Logs parse into fields) or, with LOG_FORMAT=pretty, a short line for a terminal. LOG_LEVEL
// (debug, info, warn, error, silent; default info) filters it: request lines are `info`.
// Written with console.info on Workers (Workers Logs at level `info`); Node passes a writer that
// batches stdout writes (runtime/node/stdout-lines.ts). The only per-request formatting is this line and its one timestamp.
import type { RequestObserver, RequestSummary } from './request-summary.ts';

export type LogFormat = 'json' | 'pretty';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;

export interface RequestLogOptions {
  level?: string | undefined;
  format?: string | undefined;
  /** Where lines go (Node: stdout, a write per event-loop turn; tests); default console.info. */
  write?: (line: string) => void;
}

/** Whether `info` lines pass LOG_LEVEL (unknown or unset: info). */
export function logsInfo(level: string | undefined): boolean {
  const threshold = level !== undefined && Object.hasOwn(LEVELS, level.toLowerCase()) ? LEVELS[level.toLowerCase() as keyof typeof LEVELS] : LEVELS.info;
  return LEVELS.info >= threshold;
}

/** Every field is always present (null when unknown), so a query on a field never meets a missing key. */
export function jsonLine(s: RequestSummary, time: number): string {
  const u = s.usage;
  return JSON.stringify({
    level: 'info',
    time: new Date(time).toISOString(),
    msg: 'request',
    requestId: s.requestId,
    inbound: s.inbound,
    route: s.route ?? null,
    model: s.model ?? null,
    upstream: s.upstream ?? null,
    upstreamType: s.upstreamType ?? null,
    status: s.status,
    attempts: s.attempts,
    durationMs: s.durationMs,
    upstreamMs: s.upstreamMs,
    overheadMs: s.overheadMs,
    ttfbMs: s.ttfbMs ?? null,
    // Numbers only: the upstream's raw usage object stays out of the log.
    usage: u ? { input: u.input, output: u.output, cacheRead: u.cacheRead ?? 0, cacheWrite: u.cacheWrite ?? 0, reasoning: u.reasoning ?? 0 } : null,
    warnings: s.warnings,
    clientAborted: s.clientAborted,
    upstreamError: s.upstreamError ?? null,
  });
}

export function prettyLine(s: RequestSummary, time: number): string {
  const parts = [new Date(time).toISOString().slice(11, 23), 'INFO', s.requestId, s.inbound, s.route ?? '-', String(s.status)];
  if (s.model !== undefined) parts.push(`model=${s.model}`);
  if (s.upstream !== undefined) parts.push(`upstream=${s.upstream}(${s.upstreamType ?? '?'})`);
  parts.push(`attempts=${s.attempts}`, `${s.durationMs}ms`, `upstream=${s.upstreamMs}ms`, `overhead=${s.overheadMs}ms`);
  if (s.ttfbMs !== undefined) parts.push(`ttfb=${s.ttfbMs}ms`);
  if (s.usage) parts.push(`tokens=${s.usage.input}/${s.usage.output}`);
  if (s.warnings > 0) parts.push(`warnings=${s.warnings}`);
  if (s.clientAborted) parts.push('client-aborted');
  const e = s.upstreamError;
  if (e) parts.push(`upstream-error=${e.provider}@${e.host}${e.status === undefined ? '' : ` HTTP ${e.status}`}${e.cause === undefined ? '' : ` ${e.cause}`}`);
  return parts.join(' ');
}

/** The request log as LOG_LEVEL and LOG_FORMAT in `env` ask; `write` as in RequestLogOptions. */
export function requestLogFromEnv(env: Record<string, unknown>, write?: (line: string) => void): RequestObserver {
  const text = (name: string) => (typeof env[name] === 'string' ? env[name] : undefined);
  return requestLog({ level: text('LOG_LEVEL'), format: text('LOG_FORMAT'), ...(write ? { write } : {}) });
}

export function requestLog(options: RequestLogOptions = {}): RequestObserver {
  const write = options.write ?? ((line: string) => console.info(line));
  if (!logsInfo(options.level)) return { requestDone: () => {} };
  const format = options.format === 'pretty' ? prettyLine : jsonLine;
  return {
    requestDone: (summary) => write(format(summary, Date.now())),
  };
}
