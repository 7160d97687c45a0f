// Picks how the scripted model writes the task's file, from the tools the client itself
// offered: its own write-file tool when there is one, else its shell tool. Nothing is
// hard-coded per CLI, so a CLI that renames a tool still gets a call it can run.

export interface ToolDeclaration {
  name: string;
  /** Property names of the tool's parameter schema. */
  properties: string[];
}

export interface WriteAction {
  tool: string;
  args: Record<string, string>;
}

const WRITE_TOOLS = ['Write', 'write_file', 'write'];
const SHELL_TOOLS = ['exec_command', 'Bash', 'run_shell_command', 'bash', 'shell'];
const PATH_KEYS = ['file_path', 'filePath', 'path', 'absolute_path'];
const SHELL_KEYS = ['cmd', 'command'];

export function writeAction(tools: ToolDeclaration[], filePath: string, content: string): WriteAction | undefined {
  const byName = new Map(tools.map((t) => [t.name, t]));
  for (const name of WRITE_TOOLS) {
    const tool = byName.get(name);
    const pathKey = tool && PATH_KEYS.find((k) => tool.properties.includes(k));
    if (tool && pathKey && tool.properties.includes('content')) return { tool: name, args: { [pathKey]: filePath, content } };
  }
  for (const name of SHELL_TOOLS) {
    const tool = byName.get(name);
    const key = tool && SHELL_KEYS.find((k) => tool.properties.includes(k));
    if (tool && key) {
      const args: Record<string, string> = { [key]: `printf '%s' '${content}' > '${filePath}'` };
      // opencode's and Claude Code's shell tools require a description.
      if (tool.properties.includes('description')) args.description = 'Write the file';
      return { tool: name, args };
    }
  }
  return undefined;
}

/** Property names of a JSON schema object (or of an OpenAPI-subset one). */
export function propertyNames(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const properties = (schema as { properties?: unknown }).properties;
  return typeof properties === 'object' && properties !== null ? Object.keys(properties) : [];
}
