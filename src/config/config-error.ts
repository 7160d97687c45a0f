// A configuration that cannot be used. Each issue names the JSON path and where it sits in
// the ANY_API_CONFIG text, so an operator can find it in a long JSONC file.
export interface ConfigIssue {
  /** JSON Pointer, e.g. `/providers/openai/type`. */
  path: string;
  line: number;
  column: number;
  message: string;
}

export class ConfigError extends Error {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    super(
      `ANY_API_CONFIG is invalid:\n${issues
        .map((i) => `  ${i.path || '(root)'} (line ${i.line}, column ${i.column}): ${i.message}`)
        .join('\n')}`,
    );
    this.name = 'ConfigError';
    this.issues = issues;
  }
}
