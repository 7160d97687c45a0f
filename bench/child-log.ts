// A bench child's stderr, sent to a temporary file instead of the terminal: the gateway logs one
// warning line per converted request that drops something (the Claude Code request to a Chat
// upstream does), thousands a second. It still writes them — logging is part of what a request
// costs — but a file never blocks the writer the way a pipe with a busy reader can, and the
// bench prints each distinct line once, with its count, at the end.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ChildLog {
  /** Pass as the child's stderr. */
  fd: number;
  /** `name stderr: n entries, d distinct`, then up to `shown` distinct entries (a line and its indented continuation), most frequent first, with their counts; nothing when empty. */
  summary(shown?: number): string[];
  /** The last `n` lines written so far (why a child that died early died). */
  tail(n?: number): string[];
  /** Closes and removes the file. */
  remove(): void;
}

export function openChildLog(name: string): ChildLog {
  const dir = mkdtempSync(join(tmpdir(), 'any-api-bench-'));
  const path = join(dir, `${name}.stderr`);
  const fd = openSync(path, 'a');
  let open = true;
  return {
    fd,
    summary(shown = 5) {
      // An entry is a line and the indented lines after it (a stack trace's `    at …`).
      const entries: string[] = [];
      for (const l of readFileSync(path, 'utf8').split('\n')) {
        if (l.trim() === '') continue;
        if (/^\s/.test(l) && entries.length > 0) entries[entries.length - 1] += `\n${l}`;
        else entries.push(l);
      }
      if (entries.length === 0) return [];
      const counts = new Map<string, number>();
      for (const e of entries) counts.set(e, (counts.get(e) ?? 0) + 1);
      const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, shown);
      const show = (e: string) => {
        const [first = '', ...rest] = e.split('\n');
        const text = first.length > 300 ? `${first.slice(0, 300)}…` : first;
        return rest.length > 0 ? `${text} (+${rest.length} indented lines: ${rest[0]!.trim()} …)` : text;
      };
      return [
        `${name} stderr: ${entries.length} entries, ${counts.size} distinct${counts.size > shown ? ` (the ${shown} most frequent:)` : ':'}`,
        ...top.map(([e, n]) => `  ×${n} ${show(e)}`),
      ];
    },
    tail(n = 20) {
      return readFileSync(path, 'utf8').split('\n').filter((l) => l !== '').slice(-n);
    },
    remove() {
      if (open) closeSync(fd);
      open = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
