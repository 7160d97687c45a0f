// Last-resort logging for errors nothing else caught. It keeps bugs visible — loudly, with the
// stack — but is never what keeps the gateway up: every request's timers, streams and sockets
// are released by the request itself, and the test suites run the server without this guard
// (ANY_API_CRASH_GUARD=off) so a stray error there kills the process and fails the tests.
// An uncaught exception leaves the process in an unknown state (Node's own advice): it is
// logged, then the server drains gracefully and exits 1 for a supervisor to restart it.
export function installProcessGuard(shutdown: (code: number) => void): void {
  process.on('unhandledRejection', (reason) => {
    console.error('any-api: BUG: unhandled promise rejection:', reason instanceof Error ? reason.stack : reason);
  });
  process.on('uncaughtException', (error) => {
    console.error('any-api: BUG: uncaught exception; draining and exiting:', error.stack ?? error);
    shutdown(1);
  });
}
