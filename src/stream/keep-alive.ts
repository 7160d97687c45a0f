// Inserts a keep-alive item whenever the source has been silent for `intervalMs` (long
// reasoning, slow tools), so clients and proxies with idle timeouts keep the stream open.
// The pending read is kept across ticks: nothing is lost or reordered.
export function withKeepAlive<T>(source: ReadableStream<T>, intervalMs: number, keepAlive: T): ReadableStream<T> {
  const reader = source.getReader();
  let pending: Promise<ReadableStreamReadResult<T>> | undefined;
  return new ReadableStream<T>({
    async pull(controller) {
      pending ??= reader.read();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const tick = new Promise<'tick'>((resolve) => {
        timer = setTimeout(() => resolve('tick'), intervalMs);
      });
      const result = await Promise.race([pending, tick]);
      clearTimeout(timer);
      if (result === 'tick') {
        controller.enqueue(keepAlive);
        return;
      }
      pending = undefined;
      if (result.done) controller.close();
      else controller.enqueue(result.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
