// Per-item drops (a Responses item id on every tool call, foreign reasoning on every turn)
// would repeat one warning per item; this collects them and reports each distinct
// `field: why` once, with a count.
import type { Warnings } from '../../hub/warnings.ts';

export class DropCounter {
  private readonly counts = new Map<string, { field: string; why: string; n: number }>();

  drop(field: string, why: string): void {
    const key = `${field}\n${why}`;
    const row = this.counts.get(key);
    if (row) row.n += 1;
    else this.counts.set(key, { field, why, n: 1 });
  }

  /** Writes one warning per distinct drop, in first-seen order: `field: why` (+ ` (×n)`). */
  flush(warnings: Warnings): void {
    for (const { field, why, n } of this.counts.values()) warnings.drop(field, n > 1 ? `${why} (×${n})` : why);
    this.counts.clear();
  }
}
