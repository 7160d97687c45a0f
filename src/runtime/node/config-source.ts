// Where the Node gateway's config text comes from. Precedence: `--config <file>` wins over
// everything; otherwise ANY_API_CONFIG_FILE or ANY_API_CONFIG — both set is an error, since
// neither is more explicit than the other; neither set serves the embedded default.
import { readFileSync } from 'node:fs';
import { StartupError } from './startup-error.ts';

export interface ConfigSource {
  /** The config text; undefined for the embedded default. */
  text: string | undefined;
  /** Names the source in the banner and in config errors. */
  name: string;
}

function readConfigFile(path: string): ConfigSource {
  try {
    return { text: readFileSync(path, 'utf8'), name: `config file ${path}` };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (code ?? String(error));
    throw new StartupError(`cannot read config file ${path}: ${why}`);
  }
}

export function configSource(flag: string | undefined, env: NodeJS.ProcessEnv): ConfigSource {
  if (flag !== undefined) return readConfigFile(flag);
  const file = env.ANY_API_CONFIG_FILE?.trim();
  const inline = env.ANY_API_CONFIG?.trim() ? env.ANY_API_CONFIG : undefined;
  if (file && inline !== undefined) {
    throw new StartupError('both ANY_API_CONFIG_FILE and ANY_API_CONFIG are set: unset one, or pass --config <file> (which wins over both)');
  }
  if (file) return readConfigFile(file);
  if (inline !== undefined) return { text: inline, name: 'ANY_API_CONFIG' };
  return { text: undefined, name: 'the embedded default config (no config file or ANY_API_CONFIG set)' };
}
