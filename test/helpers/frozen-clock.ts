// Date.now() pinned for one test file (timers stay real). A completion time (Responses
// `completed_at`) is read from the clock when the answer is built, so a stream and a whole answer
// built a moment apart agree only when both read the same second.
import { afterAll, beforeAll, vi } from 'vitest';

/** Five seconds after the test fixtures' `created` (1795392000). */
export const FROZEN_SECONDS = 1795392005;

export function freezeClock(seconds = FROZEN_SECONDS): void {
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: seconds * 1000 });
  });
  afterAll(() => {
    vi.useRealTimers();
  });
}
