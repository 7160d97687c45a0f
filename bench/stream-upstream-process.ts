// bench/stream-upstream.ts in a process of its own, for the load part (bench/stream-load.ts):
// with 1,000 streams at once, serving them and reading them are each a core's worth of work on
// a small machine, so the upstream gets its own event loop rather than sharing the client's.
// Argument: the number of text deltas per stream. Over IPC: sends {type:'ready', url, texts};
// answers {type:'stats', id} with the upstream's counters, its current gate report, its
// CPU, peak RSS and open connections; {type:'pacing', pacing} switches the pacing; {type:'stop'} closes
// it and exits; exits too when the parent goes away.
import { startStreamUpstream, type GateReport, type Pacing, type StreamUpstream } from './stream-upstream.ts';

export interface UpstreamProcessStats {
  streams: ReturnType<StreamUpstream['stats']>;
  gate: GateReport | undefined;
  /** process.cpuUsage(), µs since start. */
  cpu: { user: number; system: number };
  /** process.resourceUsage().maxRSS, KiB. */
  maxRSS: number;
  /** Open TCP connections (the gateway's, idle keep-alive ones included). */
  connections: number;
}

export type UpstreamChildMessage =
  | { type: 'ready'; url: string; texts: string[] }
  | ({ type: 'stats'; id: number } & UpstreamProcessStats);
export type UpstreamParentMessage =
  | { type: 'stats'; id: number; resetPeak?: boolean }
  | { type: 'pacing'; pacing: Pacing }
  | { type: 'stop' };

const chunks = Number(process.argv[2]);
if (!Number.isInteger(chunks) || chunks < 1) throw new Error(`stream-upstream-process: bad chunk count ${process.argv[2]}`);

const upstream = await startStreamUpstream(chunks, { kind: 'fast', gapEvery: 50 });

let stopping = false;
function stop(): void {
  if (stopping) return;
  stopping = true;
  void upstream.close().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
}

process.on('message', (message: UpstreamParentMessage) => {
  if (message.type === 'pacing') upstream.setPacing(message.pacing);
  else if (message.type === 'stats') {
    const reply = async () => {
      const streams = upstream.stats();
      if (message.resetPeak) upstream.resetPeak();
      const connections = await upstream.connections();
      process.send?.({ type: 'stats', id: message.id, streams, gate: upstream.gateReport(), cpu: process.cpuUsage(), maxRSS: process.resourceUsage().maxRSS, connections } satisfies UpstreamChildMessage);
    };
    void reply();
  } else if (message.type === 'stop') stop();
});
process.on('disconnect', stop);
process.send?.({ type: 'ready', url: upstream.url, texts: [...upstream.texts] } satisfies UpstreamChildMessage);
