// Schema dialects. Gemini `parameters` / `responseSchema` use an OpenAPI 3.0 subset (upper-case
// `type` such as "OBJECT", `nullable`); the hub holds JSON Schema. Outbound the gateway always
// uses `parametersJsonSchema` / `responseJsonSchema`, which take full JSON Schema, so MCP-style
// schemas with `exclusiveMinimum`, `additionalProperties`, … are never rejected.
// https://ai.google.dev/api/caching#Schema
import { isRecord, type JsonObject } from '../read-json.ts';

/** Keys whose value is one sub-schema, or a list of them, or a name → sub-schema map. */
const SUB_SCHEMA = ['items', 'additionalProperties', 'not'];
const SUB_SCHEMA_LIST = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
const SUB_SCHEMA_MAP = ['properties', '$defs', 'definitions'];

/** OpenAPI-subset Schema → JSON Schema: lower-case types, `nullable: true` → a `"null"` type. */
export function openApiToJsonSchema(schema: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'nullable') continue;
    if (key === 'type') out.type = typeof value === 'string' ? value.toLowerCase() : value;
    else if (SUB_SCHEMA.includes(key) && isRecord(value)) out[key] = openApiToJsonSchema(value);
    else if (SUB_SCHEMA_LIST.includes(key) && Array.isArray(value)) {
      out[key] = value.map((item) => (isRecord(item) ? openApiToJsonSchema(item) : item));
    } else if (SUB_SCHEMA_MAP.includes(key) && isRecord(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, isRecord(sub) ? openApiToJsonSchema(sub) : sub]));
    } else out[key] = value;
  }
  if (schema.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else if (Array.isArray(out.type) && !out.type.includes('null')) out.type = [...out.type, 'null'];
    else if (Array.isArray(out.anyOf)) out.anyOf = [...out.anyOf, { type: 'null' }];
  }
  return out;
}

/** JSON Schema for `parametersJsonSchema` / `responseJsonSchema`: only the `$schema` marker goes (Gemini rejects it). */
export function toGeminiJsonSchema(schema: JsonObject): JsonObject {
  const { $schema: _dropped, ...rest } = schema;
  return rest;
}
