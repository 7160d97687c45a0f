// Walks a parsed JSON document (every value, and every object key) without recursion, for the
// body checks in check-json-body.ts: a hostile body can nest deeper than the call stack, so
// the walk itself must not be the thing that overflows.

/** One value in the document: how it was reached (for its path) and how deep it sits. */
export interface JsonNode {
  value: unknown;
  /** Object key or array index under the parent; undefined for the root. */
  key: string | number | undefined;
  parent: JsonNode | undefined;
  /** 0 for the root, 1 for its children, … */
  depth: number;
}

/**
 * Depth-first over the document; returns the first node `found` flags. `found` sees each node
 * once; an object's keys are its children's `key`s, so key checks happen on the child.
 * Object.keys, not for…in: JSON.parse makes `__proto__` an own key, and only own keys exist in JSON.
 */
export function findJsonNode(root: unknown, found: (node: JsonNode) => boolean): JsonNode | undefined {
  const stack: JsonNode[] = [{ value: root, key: undefined, parent: undefined, depth: 0 }];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (found(node)) return node;
    const { value } = node;
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: i, parent: node, depth: node.depth + 1 });
    } else {
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        stack.push({ value: record[key], key, parent: node, depth: node.depth + 1 });
      }
    }
  }
  return undefined;
}

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/**
 * The node's path in OpenAI's `param` style, as validation errors name it: `messages[0].content`.
 * Keys that are not plain names are written as JSON strings (`["a b"]`), which also escapes any
 * unpaired surrogate, so the path is always safe to put in an error message.
 */
export function jsonPath(node: JsonNode): string {
  const segments: string[] = [];
  for (let at: JsonNode | undefined = node; at?.parent; at = at.parent) {
    const { key } = at;
    if (typeof key === 'number') segments.push(`[${key}]`);
    else if (key !== undefined && PLAIN_KEY.test(key)) segments.push(`.${key}`);
    else segments.push(`[${JSON.stringify(key)}]`);
  }
  const path = segments.reverse().join('');
  return path.startsWith('.') ? path.slice(1) : path;
}
