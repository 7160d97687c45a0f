// Refuses JSON bodies that parse but are unsafe to handle, before any handler reads them:
//   - a `__proto__` key anywhere: JSON.parse makes it an own property, but every spread, copy or
//     assignment the handlers do (`out[key] = …`) would turn it into a prototype change, and
//     what the gateway validated would no longer be what it sends;
//   - an unpaired UTF-16 surrogate in a string or key (`"\ud800"`): not Unicode, so it cannot
//     be UTF-8 encoded for the upstream, and tokenizers and encoders choke on it;
//   - nesting deeper than MAX_JSON_DEPTH: JSON.parse copes, but JSON.stringify and every
//     recursive converter downstream would overflow the call stack.
// Each check costs next to nothing for an ordinary body: the text is scanned for a sign of the
// problem first, and only then is the parsed value walked (json-walk.ts) to find where it is.
// `constructor`, `prototype` and other Object.prototype names stay ordinary keys: they are
// legitimate property names in tool schemas and arguments, and lookups are own-property safe.
import { GatewayError } from '../errors/gateway-error.ts';
import { findJsonNode, jsonPath, type JsonNode } from './json-walk.ts';

/** Deeper than any real request (Google's proto JSON stops at 100) and far from stack limits. */
export const MAX_JSON_DEPTH = 256;

/**
 * `"__proto__"` as a JSON string, any character possibly written as a `\u` escape: the plain
 * substring test alone would let `"\u005f_proto__"` through, which JSON.parse reads the same.
 */
const PROTO_KEY_ESCAPED = /"(?:_|\\u005[fF]){2}(?:p|\\u0070)(?:r|\\u0072)(?:o|\\u006[fF])(?:t|\\u0074)(?:o|\\u006[fF])(?:_|\\u005[fF]){2}"/;

/** A `\u` escape of a surrogate code unit (D800–DFFF): the only way one gets into parsed JSON text. */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

function mayHaveProtoKey(text: string): boolean {
  return text.includes('"__proto__"') || (text.includes('\\u') && PROTO_KEY_ESCAPED.test(text));
}

/** More `{` and `[` than the limit in the whole text is necessary (not sufficient) for nesting deeper. */
function mayNestDeeperThan(text: string, limit: number): boolean {
  let opens = 0;
  for (const bracket of ['{', '[']) {
    for (let i = text.indexOf(bracket); i >= 0; i = text.indexOf(bracket, i + 1)) if (++opens > limit) return true;
  }
  return false;
}

/** Throws a 400 naming the first offending place when the parsed body is unsafe (see above). */
export function checkJsonBody(text: string, value: unknown): void {
  if (mayNestDeeperThan(text, MAX_JSON_DEPTH)) {
    const deep = findJsonNode(value, (node) => node.depth > MAX_JSON_DEPTH);
    if (deep) throw refuse(deep, `Request body nests deeper than ${MAX_JSON_DEPTH} levels`);
  }
  if (mayHaveProtoKey(text)) {
    const proto = findJsonNode(value, (node) => node.key === '__proto__');
    if (proto) throw refuse(proto, 'Request body has a "__proto__" key, which the gateway refuses');
  }
  if (SURROGATE_ESCAPE.test(text)) {
    const bad = findJsonNode(value, (node) => !wellFormed(node.key) || !wellFormed(node.value));
    if (bad) throw refuse(bad, 'Request body contains an unpaired UTF-16 surrogate');
  }
}

function wellFormed(value: unknown): boolean {
  return typeof value !== 'string' || value.isWellFormed();
}

/** Paths as long as a 256-level nesting are cut short in the message (the param keeps all of it). */
const SHOWN_PATH_CHARS = 200;

function refuse(node: JsonNode, problem: string): GatewayError {
  const path = jsonPath(node);
  const shown = path.length > SHOWN_PATH_CHARS ? `${path.slice(0, SHOWN_PATH_CHARS)}…` : path;
  return new GatewayError(400, `${problem} at ${shown || '(root)'}.`, path ? { param: path } : {});
}
