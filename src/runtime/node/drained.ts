// Waiting out backpressure on a Node response: `write` returned false, so the next write waits
// for 'drain' — or for 'close', which a client gone mid-answer sends instead, and which must
// end the wait too (a 'drain' never comes then).
import type { ServerResponse } from 'node:http';

/** Resolves when `res` takes more, or is gone; both listeners are removed either way. */
export function drained(res: ServerResponse): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
