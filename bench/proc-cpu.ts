// CPU time of the processes of one process group, read from Linux /proc: for the workerd bench
// (bench/workerd.ts), which cannot ask workerd for its own CPU usage. Each process's utime +
// stime (all its threads, in clock ticks) from /proc/<pid>/stat, its kind from its command line.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';

export interface ProcCpu {
  pid: number;
  /** argv[0]'s base name (`node`, `workerd`, `esbuild`); /proc's comm when the command line is unreadable. */
  command: string;
  args: string[];
  /** utime + stime, clock ticks. */
  ticks: number;
}

/** True where /proc/<pid>/stat exists (Linux). */
export const procAvailable = (): boolean => existsSync('/proc/self/stat');

/** Clock ticks per second (`getconf CLK_TCK`), 100 when it cannot be asked. */
export function clockTicksPerSecond(): number {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8', timeout: 5_000 }).trim());
    return Number.isFinite(value) && value > 0 ? value : 100;
  } catch {
    return 100;
  }
}

/** pgrp and utime + stime of /proc/<pid>/stat; undefined when the process is gone. */
function readStat(pid: number): { comm: string; pgrp: number; ticks: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // `pid (comm) state ppid pgrp …`: comm may hold spaces and parentheses, so split after the last `)`.
  const close = text.lastIndexOf(')');
  const comm = text.slice(text.indexOf('(') + 1, close);
  const fields = text.slice(close + 2).split(' ');
  // fields[0] is field 3 (state): pgrp is field 5, utime 14, stime 15.
  const pgrp = Number(fields[2]);
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(pgrp) && Number.isFinite(ticks) ? { comm, pgrp, ticks } : undefined;
}

function readArgs(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a) => a !== '');
  } catch {
    return [];
  }
}

/** Every live process whose process group is `pgid`, with its CPU ticks so far. */
export function processGroupCpu(pgid: number): ProcCpu[] {
  const found: ProcCpu[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const stat = readStat(pid);
    if (stat === undefined || stat.pgrp !== pgid) continue;
    const args = readArgs(pid);
    // Node renames its main thread `MainThread`, which /proc shows as comm: argv[0] is clearer.
    found.push({ pid, command: args[0] === undefined ? stat.comm : basename(args[0]), args, ticks: stat.ticks });
  }
  return found.sort((a, b) => a.pid - b.pid);
}
