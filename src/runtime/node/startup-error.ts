// A reason the Node gateway cannot start (bad flag, bad port, unreadable config, unusable
// config): main prints its message as one line on stderr and exits 1 — no stack trace, since
// it is the operator's input that is wrong, not the code.
export class StartupError extends Error {
  override readonly name = 'StartupError';
}
