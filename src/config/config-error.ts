// A configuration that cannot be used. Each issue names the JSON path and where it sits in
// the config text (ANY_API_CONFIG, or the config file it was read from), so an operator can
// find it in a long JSONC file.
export interface ConfigIssue {
  /** JSON Pointer, e.g. `/providers/openai/type`. */
  path: string;
  line: number;
  column: number;
  message: string;
}

export class ConfigError extends Error {
  readonly issues: readonly ConfigIssue[];
  /** Where the text came from: `ANY_API_CONFIG`, or `config file <path>`. */
  readonly source: string;

  constructor(issues: readonly ConfigIssue[], source = 'ANY_API_CONFIG') {
    super(
      `${source} is invalid:\n${issues
        .map((i) => `  ${i.path || '(root)'} (line ${i.line}, column ${i.column}): ${i.message}`)
        .join('\n')}`,
    );
    this.name = 'ConfigError';
    this.issues = issues;
    this.source = source;
  }
}
