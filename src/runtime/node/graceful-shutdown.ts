// SIGTERM/SIGINT (and the crash guard) on the Node server: stop accepting, let in-flight
// requests finish for up to `graceMs`, then end the rest — a stream with the client protocol's
// error event (a 503 "shutting down"), since a stream cut without one looks finished to some
// clients — log one line saying how many finished and how many were ended, and exit. A second
// signal exits at once.
import type { Server } from 'node:http';
import { GatewayError } from '../../errors/gateway-error.ts';
import type { InFlightRequests } from './in-flight-requests.ts';
import { StartupError } from './startup-error.ts';

export const DEFAULT_SHUTDOWN_GRACE_MS = 30_000;
/** After the grace period, how long ended requests get to write their last bytes before their connections are cut. */
const LAST_WORDS_MS = 2_000;

export interface ShutdownParts {
  server: Server;
  inFlight: InFlightRequests;
  graceMs: number;
  /** Releases what outlives connections (upstream pool, store, timers). */
  release(): Promise<void>;
}

export function gracefulShutdown({ server, inFlight, graceMs, release }: ShutdownParts): (code: number) => void {
  let stopping = false;
  return (code) => {
    if (stopping) process.exit(code);
    stopping = true;
    const endedBefore = inFlight.ended;
    console.log(`any-api: stopping: no new connections; waiting up to ${graceMs} ms for ${inFlight.size} in-flight request(s) to finish`);
    // close() stops accepting and closes the keep-alive connections idle now; a connection
    // busy with a request is closed once it falls idle (checked until the server has closed).
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    let cut = 0;
    let lastWords: NodeJS.Timeout | undefined;
    const grace = setTimeout(() => {
      cut = inFlight.abortAll(new GatewayError(503, 'The server is shutting down; retry the request.'));
      // A client that stopped reading would hold its connection open forever.
      lastWords = setTimeout(() => server.closeAllConnections(), LAST_WORDS_MS);
    }, graceMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(grace);
      clearTimeout(lastWords);
      const finished = inFlight.ended - endedBefore - cut;
      void release().finally(() => {
        console.log(`any-api: stopped: ${finished} in-flight request(s) finished, ${cut} ended at the ${graceMs} ms grace limit`);
        process.exit(code);
      });
    });
  };
}

/** SHUTDOWN_GRACE_MS: a non-negative integer of milliseconds. */
export function graceMsFrom(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return DEFAULT_SHUTDOWN_GRACE_MS;
  const ms = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(ms)) throw new StartupError(`SHUTDOWN_GRACE_MS "${text}" is not a whole number of milliseconds`);
  return ms;
}
