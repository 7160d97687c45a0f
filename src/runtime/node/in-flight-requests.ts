// The requests the Node server is answering right now, each by its AbortController, so a
// graceful shutdown can tell how many finished on their own and end the rest — aborting with a
// GatewayError makes a stream end in the client protocol's error event (stream/sse-stream.ts)
// and a request still waiting on its upstream answer with that error.
export class InFlightRequests {
  private readonly open = new Set<AbortController>();
  /** Requests ended since the server started (answered, failed, or their client gone). */
  ended = 0;

  add(controller: AbortController): void {
    this.open.add(controller);
  }

  delete(controller: AbortController): void {
    if (this.open.delete(controller)) this.ended++;
  }

  get size(): number {
    return this.open.size;
  }

  /** Aborts every open request with `reason`; returns how many there were. */
  abortAll(reason: Error): number {
    const count = this.open.size;
    for (const controller of this.open) controller.abort(reason);
    return count;
  }
}
