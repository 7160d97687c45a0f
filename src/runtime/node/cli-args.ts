// The command line of `npm start` / `any-api`: node:util parseArgs in strict mode, so an
// unknown flag, a flag without its value or a stray argument is an error, never ignored.
import { parseArgs } from 'node:util';
import { StartupError } from './startup-error.ts';

export interface CliArgs {
  /** --config <file>: a JSON or JSONC config file. */
  config?: string;
  port?: string;
  host?: string;
  help: boolean;
  version: boolean;
}

export const USAGE = `Usage: any-api [--config <file>] [--port <n>] [--host <address>]
       any-api --help | --version

  --config <file>   JSON or JSONC config file (wins over ANY_API_CONFIG_FILE and ANY_API_CONFIG)
  --port <n>        port to listen on, 0 to 65535; 0 picks a free one (default: PORT, else 8787)
  --host <address>  interface to bind (default: HOST, else 127.0.0.1)
  --help            print this help and exit
  --version         print the version and exit

Environment: ANY_API_CONFIG (config text), ANY_API_CONFIG_FILE (config file), PORT, HOST,
WORKER_AUTH_KEY / WORKER_AUTH_KEYS (gateway keys; required off loopback), SHUTDOWN_GRACE_MS
(how long in-flight requests may run after SIGTERM/SIGINT; default 30000).`;

export function parseCliArgs(argv: readonly string[]): CliArgs {
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        config: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
    return { config: values.config, port: values.port, host: values.host, help: values.help, version: values.version };
  } catch (error) {
    // parseArgs' messages can span lines (a hint to use `--` for a positional): keep the first.
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    throw new StartupError(`${first} (see --help)`);
  }
}

/** A port from a flag or PORT: an integer 0–65535, written as digits only. */
export function parsePort(text: string, from: string): number {
  const port = /^\d{1,5}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!(port >= 0 && port <= 65_535)) throw new StartupError(`${from} "${text}" is not a port: expected an integer from 0 to 65535`);
  return port;
}
