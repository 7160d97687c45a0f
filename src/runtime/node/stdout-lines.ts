// Request log lines on Node: gathered for one event-loop turn and written to stdout in one call.
// A profile of small pass-through requests put a quarter of the gateway's own code time in
// `console.info` (its formatting and one write per line); one write per turn costs a fraction of
// that and keeps lines whole and in order. Lines still pending when the process exits (a
// shutdown right after a request) are written synchronously from the `exit` event, so none is lost.
import { writeSync } from 'node:fs';

let pending = '';
let scheduled = false;
let hooked = false;

function flush(): void {
  scheduled = false;
  if (pending === '') return;
  const text = pending;
  pending = '';
  process.stdout.write(text);
}

function flushAtExit(): void {
  if (pending === '') return;
  try {
    writeSync(process.stdout.fd, pending);
  } catch {
    // stdout closed: nowhere left to write.
  }
  pending = '';
}

/** Queues one line (without its newline) for stdout. */
export function writeStdoutLine(line: string): void {
  if (!hooked) {
    hooked = true;
    process.once('exit', flushAtExit);
  }
  pending += `${line}\n`;
  if (!scheduled) {
    scheduled = true;
    setImmediate(flush);
  }
}
