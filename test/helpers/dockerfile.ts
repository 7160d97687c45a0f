// Reads a Dockerfile and a .dockerignore well enough to test what an image would do without a
// Docker engine: instructions by stage, COPY sources, ENV, the exec-form CMD and HEALTHCHECK.
export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  from: string;
  instructions: Instruction[];
}

export function parseDockerfile(text: string): Stage[] {
  const lines = text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args };
    if (instruction.keyword === 'FROM') stages.push({ from: args, instructions: [] });
    else stages.at(-1)?.instructions.push(instruction);
  }
  return stages;
}

export function instructions(stage: Stage, keyword: string): string[] {
  return stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
}

/** An exec-form command (`["node", ...]`), after any options such as HEALTHCHECK's `--interval=…` and `CMD`. */
export function execForm(args: string): string[] {
  const json = args.slice(args.indexOf('['));
  return JSON.parse(json) as string[];
}

/** `ENV A=b` lines (one pair each) as an object. */
export function envOf(stage: Stage): Record<string, string> {
  return Object.fromEntries(instructions(stage, 'ENV').map((a) => a.split('=', 2) as [string, string]));
}

/** COPY sources that come from the build context (not `--from=` another stage). */
export function contextCopies(stage: Stage): string[] {
  return instructions(stage, 'COPY').filter((a) => !a.startsWith('--from=')).flatMap((a) => a.split(/\s+/).slice(0, -1));
}

/** Whether a .dockerignore excludes `path` (its simple forms: names, `dir/`, `*` globs; no `!`). */
export function ignored(dockerignore: string, path: string): boolean {
  const patterns = dockerignore.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const segments = path.replace(/^\.\//, '').split('/');
  return patterns.some((pattern) => {
    const regex = new RegExp(`^${pattern.replace(/\/$/, '').replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
    // A pattern excludes a path when it matches the path or one of its leading directories.
    return segments.some((_, i) => regex.test(segments.slice(0, i + 1).join('/')));
  });
}
