// Parses ANY_API_CONFIG (JSON or JSONC) with jsonc-parser and validates it against the
// generated config schema. Errors carry JSON path + line/column; unknown keys are errors.
import { findNodeAtLocation, parse, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { AnyApiConfig as isAnyApiConfig, jsonSchemasForAnyApiConfig } from '../../generated/config/index.ts';
import { createValidator, type ValidationIssue } from '../validation/validate.ts';
import { ConfigError, type ConfigIssue } from './config-error.ts';
import type { AnyApiConfig } from './config-types.ts';

const validateConfig = createValidator(isAnyApiConfig, 'AnyApiConfig', jsonSchemasForAnyApiConfig);

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * The deepest node on a JSON Pointer's way down. jsonc-parser finds array elements only by
 * number, and a pointer's segments are all text, so each step is typed by the node it enters.
 */
function deepestNode(tree: Node, segments: string[]): Node {
  let node = tree;
  for (const segment of segments) {
    const next = findNodeAtLocation(node, [node.type === 'array' ? Number(segment) : segment]);
    if (!next) break;
    node = next;
  }
  return node;
}

/** Where a JSON Pointer sits in the text: the value, or the nearest ancestor that exists. */
function locate(text: string, tree: Node | undefined, pointer: string): { line: number; column: number } {
  if (!tree) return { line: 1, column: 1 };
  const node = deepestNode(tree, pointerSegments(pointer));
  // For a key-level problem (an unknown key) point at the key, not its value.
  const at = node.parent?.type === 'property' ? node.parent : node;
  return lineColumn(text, at.offset);
}

/**
 * Plainer words for what TypeBox says about a few config keys: a value that fits neither form
 * of a "one or a list" key is only "Expected union value", and a malformed model id is a regex.
 */
const PLAINER: ReadonlyArray<{ path: RegExp; says: RegExp; say: string }> = [
  { path: /^\/providers\/[^/]+\/apiKey$/, says: /^Expected union value$/, say: 'Expected a key (a string) or a non-empty array of non-empty strings (a key pool)' },
  { path: /^\/providers\/[^/]+\/apiKeyEnv$/, says: /^Expected union value$/, say: 'Expected an environment variable name or a non-empty array of them (a key pool)' },
  { path: /^\/aliases\/[^/]+$/, says: /^Expected union value$/, say: 'Expected a model written "<provider>.<model>", or a non-empty array of them (a fallback chain)' },
  { path: /^\/(?:aliases\/[^/]+|providers\/[^/]+\/models\/[^/]+\/fallback)\/\d+$/, says: /^Expected string to match/, say: 'Expected a model written "<provider>.<model>"' },
];

function explain(issue: ValidationIssue): string {
  const plainer = PLAINER.find((row) => row.path.test(issue.path) && row.says.test(issue.message));
  if (plainer) return plainer.say;
  if (issue.message !== 'Unexpected property') return issue.message;
  return `unknown key "${pointerSegments(issue.path).at(-1) ?? ''}" (see schemas/config.schema.json for the allowed keys)`;
}

function semanticIssues(config: AnyApiConfig): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const [id, provider] of Object.entries(config.providers)) {
    if (id.includes('.') || id === '') {
      issues.push({ path: `/providers/${id}`, message: `provider id "${id}" must be non-empty and may not contain "." (model names split on the first ".")` });
    }
    if (provider.type !== 'mock' && !provider.baseURL) {
      issues.push({ path: `/providers/${id}`, message: `provider type "${provider.type}" needs a baseURL` });
    }
  }
  if (config.aliases && Object.hasOwn(config.aliases, '')) {
    issues.push({ path: '/aliases/', message: 'an alias name must be non-empty (a request always names a model)' });
  }
  return issues;
}

/** `source` names where `text` came from in errors (default `ANY_API_CONFIG`). */
export function parseConfig(text: string, source?: string): AnyApiConfig {
  const parseErrors: ParseError[] = [];
  const value: unknown = parse(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
  if (parseErrors.length > 0) {
    const first = parseErrors[0] as ParseError;
    throw new ConfigError([{ path: '', ...lineColumn(text, first.offset), message: `JSON syntax error: ${printParseErrorCode(first.error)}` }], source);
  }
  const result = validateConfig(value);
  const issues = result.ok ? semanticIssues(result.value) : result.issues;
  if (issues.length > 0) {
    const tree = parseTree(text, [], { allowTrailingComma: true });
    throw new ConfigError(issues.map((i): ConfigIssue => ({ ...i, message: explain(i), ...locate(text, tree, i.path) })), source);
  }
  return value as AnyApiConfig;
}
