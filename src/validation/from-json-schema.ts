// Turns the JSON Schema subset our schemas/ documents use into TypeBox types.
//
// One converter serves two masters: codegen compiles its output ahead of time with
// TypeCompiler.Code (Workers forbid `new Function`), and the runtime rebuilds the same
// types lazily, only when a compiled check fails, so TypeBox's Errors can name the JSON paths.
// It is pure data transformation: no eval, no I/O.
import type { TSchema, TLiteral } from '@sinclair/typebox';
import * as Type from './type-builder.ts';

/** Component name → JSON Schema, as found under `components.schemas`. */
export type JsonSchemaComponents = Readonly<Record<string, unknown>>;

/** The keywords codegen accepts; anything else in a schema is a mistake we want to hear about. */
const KNOWN_KEYWORDS = new Set([
  'type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const',
  'oneOf', 'anyOf', 'allOf', 'not', '$ref', 'minimum', 'maximum', 'exclusiveMinimum',
  'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'pattern',
  'description', 'title', 'default', 'examples', 'deprecated', '$schema', '$id', '$comment',
]);
const NUMBER_OPTIONS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'] as const;
const STRING_OPTIONS = ['minLength', 'maxLength', 'pattern'] as const;
const ARRAY_OPTIONS = ['minItems', 'maxItems'] as const;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pick(schema: Json, keys: readonly string[]): Json {
  const out: Json = {};
  for (const key of keys) if (schema[key] !== undefined) out[key] = schema[key];
  return out;
}

/** The component a `$ref` points at: `#/components/schemas/X` or `#/$defs/X`. */
export function refName(ref: string): string {
  const match = /^#\/(?:components\/schemas|\$defs)\/([^/]+)$/.exec(ref);
  if (!match?.[1]) throw new Error(`unsupported $ref ${ref}: only local component references are allowed`);
  return match[1];
}

function literal(value: unknown, at: string): TSchema {
  if (value === null) return Type.Null();
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return Type.Literal(value) as TLiteral;
  }
  throw new Error(`${at}: enum/const values must be scalars`);
}

function union(members: TSchema[]): TSchema {
  return members.length === 1 && members[0] ? members[0] : Type.Union(members);
}

function fromType(type: string, schema: Json, at: string): TSchema {
  switch (type) {
    case 'string': return Type.String(pick(schema, STRING_OPTIONS));
    case 'number': return Type.Number(pick(schema, NUMBER_OPTIONS));
    case 'integer': return Type.Integer(pick(schema, NUMBER_OPTIONS));
    case 'boolean': return Type.Boolean();
    case 'null': return Type.Null();
    case 'array': {
      const items = schema.items === undefined ? Type.Unknown() : convert(schema.items, `${at}/items`);
      return Type.Array(items, pick(schema, ARRAY_OPTIONS));
    }
    case 'object': return fromObject(schema, at);
    default: throw new Error(`${at}: unsupported type ${type}`);
  }
}

function fromObject(schema: Json, at: string): TSchema {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const props: Record<string, TSchema> = {};
  for (const [key, value] of Object.entries(properties)) {
    const converted = convert(value, `${at}/properties/${key}`);
    props[key] = required.has(key) ? converted : Type.Optional(converted);
  }
  // A required key with no declared shape still has to be present.
  for (const key of required) if (!(key in props)) props[key] = Type.Unknown();
  const additional = schema.additionalProperties;
  const options = additional === undefined || additional === true
    ? {}
    : { additionalProperties: additional === false ? false : convert(additional, `${at}/additionalProperties`) };
  return Type.Object(props, options);
}

/** Converts one JSON Schema node; `at` is its location, used in error messages. */
export function convert(node: unknown, at = '#'): TSchema {
  if (node === true) return Type.Unknown();
  if (node === false) return Type.Never();
  if (!isObject(node)) throw new Error(`${at}: a schema must be an object`);
  checkKeywords(node, at);
  const parts: TSchema[] = [];
  if (typeof node.$ref === 'string') parts.push(Type.Ref(refName(node.$ref)));
  if (node.const !== undefined) parts.push(literal(node.const, at));
  if (Array.isArray(node.enum)) parts.push(union(node.enum.map((v) => literal(v, at))));
  if (typeof node.type === 'string') parts.push(fromType(node.type, node, at));
  else if (Array.isArray(node.type)) parts.push(union(node.type.map((t) => fromType(String(t), node, at))));
  else if (node.properties !== undefined || node.required !== undefined || node.additionalProperties !== undefined) {
    parts.push(fromObject(node, at));
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const list = node[key];
    if (Array.isArray(list)) parts.push(union(list.map((s, i) => convert(s, `${at}/${key}/${i}`))));
  }
  if (Array.isArray(node.allOf)) parts.push(...node.allOf.map((s, i) => convert(s, `${at}/allOf/${i}`)));
  if (node.not !== undefined) parts.push(Type.Not(convert(node.not, `${at}/not`)));
  if (parts.length === 0) return Type.Unknown();
  return parts.length === 1 && parts[0] ? parts[0] : Type.Intersect(parts);
}

function checkKeywords(node: Json, at: string): void {
  for (const key of Object.keys(node)) {
    if (!KNOWN_KEYWORDS.has(key) && !key.startsWith('x-')) {
      throw new Error(`${at}: keyword "${key}" is outside the subset codegen supports`);
    }
  }
}

/** Every component as a TypeBox type carrying its name as `$id`, ready to pass as references. */
export function convertComponents(components: JsonSchemaComponents): TSchema[] {
  return Object.entries(components).map(([name, schema]) => ({ ...convert(schema, `#/components/schemas/${name}`), $id: name }));
}
