// fast-check building blocks for hostile-input tests: where in a valid body a mutation can go
// (object nodes, string values, keys, free text), how to apply it, and what to break it with.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { FIXTURES } from './fixtures.ts';
import { COUNTING_PROVIDERS, POST_ROUTES, PROVIDERS, seedsFor, withModel, type Json, type PostRoute } from './hostile-gateway.ts';

export type Segment = string | number;

export function hostileData<T>(file: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, 'hostile', file), 'utf8')) as T;
}

// ------------------------------------------------------------------ positions in a body

interface Position {
  path: Segment[];
  value: Json;
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every value in the body with its path, root first. */
export function positions(value: Json, path: Segment[] = []): Position[] {
  const children: Position[] = Array.isArray(value)
    ? value.flatMap((child, i) => positions(child, [...path, i]))
    : isObject(value) ? Object.entries(value).flatMap(([key, child]) => positions(child, [...path, key])) : [];
  return [{ path, value }, ...children];
}

export function getAt(root: Json, path: readonly Segment[]): Json | undefined {
  let at: Json | undefined = root;
  for (const segment of path) at = at === null || typeof at !== 'object' ? undefined : (at as Record<string, Json>)[segment as string];
  return at;
}

/** Sets (or with `undefined`, deletes) the value at `path`; missing objects on the way are created. */
export function setAt(root: { [key: string]: Json }, path: readonly Segment[], value: Json | undefined): void {
  let at: Json = root;
  for (const segment of path.slice(0, -1)) {
    const container = at as Record<string, Json>;
    const next: Json | undefined = container[segment as string];
    if (next === undefined || next === null || typeof next !== 'object') container[segment as string] = {};
    at = container[segment as string] as Json;
  }
  const last = path.at(-1) as Segment;
  if (value === undefined) delete (at as Record<string, Json>)[last as string];
  else (at as Record<string, Json>)[last as string] = value;
}

/** Adds an own enumerable key, even `__proto__` (a plain assignment would set the prototype). */
export function defineKey(target: { [key: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Renames one key, keeping the order of the others. */
export function renameKey(target: { [key: string]: Json }, from: string, to: string): void {
  const entries = Object.entries(target);
  for (const key of Object.keys(target)) delete target[key];
  for (const [key, value] of entries) defineKey(target, key === from ? to : key, value);
}

/** The gateway's `param` for a path: `messages[0].content`, odd keys as `["a b"]`. */
export function paramOf(path: readonly Segment[]): string {
  return path
    .map((s) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_$][\w$-]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`))
    .join('')
    .replace(/^\./, '');
}

/** Object nodes (where a key can be added). */
export const objectPaths = (body: Json) => positions(body).filter((p) => isObject(p.value)).map((p) => p.path);
/** String values. */
export const stringPaths = (body: Json) => positions(body).filter((p) => typeof p.value === 'string').map((p) => p.path);
/** Keys, as the path of the value under them. */
export const keyPaths = (body: Json) => positions(body).filter((p) => typeof p.path.at(-1) === 'string').map((p) => p.path);

/** Payloads that belong to the client (tool arguments, schemas, results): a converter may re-encode them. */
const FREE_FORM = new Set(['input', 'response', 'args', 'arguments', 'input_schema', 'parameters', 'schema', 'tools', 'metadata']);
/** Reasoning is not carried to other protocols, so text there may legitimately not reach every upstream. */
const NOT_CARRIED = /thinking|reasoning|summary|signature|encrypted/;
const TEXT_KEYS = new Set(['text', 'content', 'instructions', 'input', 'system']);

/** Prompt text every conversion carries: message and part texts, instructions, tool-result text. */
export function textPaths(body: Json): Segment[][] {
  return stringPaths(body).filter((path) => {
    const last = path.at(-1);
    if (typeof last !== 'string' || !TEXT_KEYS.has(last)) return false;
    if (path.slice(0, -1).some((s) => typeof s === 'string' && (FREE_FORM.has(s) || NOT_CARRIED.test(s)))) return false;
    const parent = getAt(body, path.slice(0, -1));
    return !(isObject(parent) && (parent.thought === true || (typeof parent.type === 'string' && NOT_CARRIED.test(parent.type))));
  });
}

// ------------------------------------------------------------------ arbitraries

export const at = <T>(list: readonly T[], n: number): T => list[n % list.length] as T;

export interface Case {
  route: PostRoute;
  provider: string;
  body: Record<string, Json>;
}

/** A route, a provider of the model it names (every upstream type), and a valid body for it. */
export function validCase(routes: readonly PostRoute[] = POST_ROUTES): fc.Arbitrary<Case> {
  return fc.record({ route: fc.constantFrom(...routes), seed: fc.nat(), provider: fc.constantFrom(...PROVIDERS) })
    .map(({ route, seed, provider }) => ({ route, provider, body: withModel(route, at(seedsFor(route), seed), provider) }));
}

/** Whether the case is answered by the upstream: a count for a Chat upstream is estimated locally. */
export const reachesUpstream = (c: Case) => c.route.operation === 'generate' || COUNTING_PROVIDERS.includes(c.provider);

/** The URL for a case: Gemini names the model in the path. */
export const pathOf = (c: Case, model = `${c.provider}.test-model`) => c.route.path(model);

/** A lone surrogate, wrapped so no neighbour can pair with it. */
export const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => `|${String.fromCharCode(code)}|`);

export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null';

function hasType(value: Json, type: JsonType): boolean {
  switch (type) {
    case 'string': return typeof value === 'string';
    case 'integer': return Number.isInteger(value);
    case 'number': return typeof value === 'number';
    case 'boolean': return typeof value === 'boolean';
    case 'array': return Array.isArray(value);
    case 'object': return isObject(value);
    case 'null': return value === null;
  }
}

/** Any JSON value of none of these types. */
export function wrongTyped(types: readonly JsonType[]): fc.Arbitrary<Json> {
  return (fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>).filter((value) => !types.some((type) => hasType(value, type)));
}
