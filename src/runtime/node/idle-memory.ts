// Gives memory back after a burst. Under load V8 grows its heap for the garbage a stream makes
// and keeps the freed pages while the machine has memory to spare: after 1,000 concurrent
// streams the process stayed ~380 MiB above its idle size indefinitely (bench, load part),
// though live data was back to ~20 MiB. Once the gateway has served nothing for `idleMs` and its
// RSS is well above where it started, one last-resort collection (what V8 does on a low-memory
// notification) hands those pages back. It never runs while a request is in flight, and at most
// once per quiet period; its timer is unref'd and dies with the server.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type GcFunction = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

/** V8's gc() without --expose-gc on the command line: exposed once, read from a fresh context. */
function exposeGc(): GcFunction | undefined {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
  return typeof gc === 'function' ? (gc as GcFunction) : undefined;
}

export interface IdleMemory {
  requestStarted(): void;
  requestEnded(): void;
  stop(): void;
}

export function idleMemoryRelease(options: { idleMs?: number; slackBytes?: number } = {}): IdleMemory {
  const idleMs = options.idleMs ?? 5_000;
  const slack = options.slackBytes ?? 32 * 1024 * 1024;
  const gc = exposeGc();
  const baseline = process.memoryUsage.rss();
  let inFlight = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return {
    requestStarted() {
      inFlight += 1;
      cancel();
    },
    requestEnded() {
      inFlight -= 1;
      if (inFlight > 0 || !gc) return;
      cancel();
      timer = setTimeout(() => {
        timer = undefined;
        if (inFlight === 0 && process.memoryUsage.rss() > baseline + slack) gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
      }, idleMs);
      timer.unref();
    },
    stop: cancel,
  };
}
