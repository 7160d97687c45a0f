// Reads schemas/: every `<name>.openapi.yaml` (an OpenAPI 3.1 document whose top-level
// `x-any-api-validators` lists the components to compile) and `config.schema.json`
// (a plain JSON Schema with `$defs`, so editors can use it for ANY_API_CONFIG files).
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

export interface SchemaSource {
  /** Folder name under generated/. */
  name: string;
  /** The file it came from, relative to the repository. */
  file: string;
  /** An OpenAPI 3.1 document (the config schema is wrapped into one) for openapi-typescript. */
  openapi: Record<string, unknown>;
  /** `components.schemas`, with every `$ref` pointing at `#/components/schemas/…`. */
  components: Record<string, unknown>;
  /** Components that get a compiled validator. */
  validators: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!isRecord(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === '$ref' && typeof value === 'string'
      ? value.replace(/^#\/\$defs\//, '#/components/schemas/')
      : rewriteRefs(value);
  }
  return out;
}

function fromOpenApi(name: string, file: string, doc: unknown): SchemaSource {
  if (!isRecord(doc) || !isRecord(doc.components) || !isRecord(doc.components.schemas)) {
    throw new Error(`${file}: expected an OpenAPI document with components.schemas`);
  }
  const validators = doc['x-any-api-validators'];
  if (!Array.isArray(validators) || validators.some((v) => typeof v !== 'string')) {
    throw new Error(`${file}: x-any-api-validators must list component names`);
  }
  const components = doc.components.schemas;
  for (const v of validators) if (!(v in components)) throw new Error(`${file}: validator ${v} names no component`);
  return { name, file, openapi: doc, components, validators: validators as string[] };
}

/** The config schema: root object becomes component `AnyApiConfig`, `$defs` the other components. */
function fromJsonSchema(name: string, file: string, schema: unknown): SchemaSource {
  if (!isRecord(schema)) throw new Error(`${file}: expected a JSON Schema object`);
  const { $defs, $schema: _dialect, $id: _id, ...rootSchema } = schema;
  const components = rewriteRefs({ AnyApiConfig: rootSchema, ...(isRecord($defs) ? $defs : {}) }) as Record<string, unknown>;
  const openapi = {
    openapi: '3.1.0',
    info: { title: String(schema.title ?? name), version: '1' },
    paths: {},
    components: { schemas: components },
  };
  return { name, file, openapi, components, validators: ['AnyApiConfig'] };
}

export async function loadSchemaSources(dir: string): Promise<SchemaSource[]> {
  const sources: SchemaSource[] = [];
  for (const entry of (await readdir(dir)).sort()) {
    const text = await readFile(join(dir, entry), 'utf8');
    const file = `schemas/${entry}`;
    if (entry.endsWith('.openapi.yaml')) sources.push(fromOpenApi(entry.replace(/\.openapi\.yaml$/, ''), file, parseYaml(text)));
    else if (entry.endsWith('.schema.json')) sources.push(fromJsonSchema(entry.replace(/\.schema\.json$/, ''), file, JSON.parse(text)));
  }
  return sources;
}
