// Structured output both ways: Responses `text.format` (flat json_schema, unlike Chat's nested
// `json_schema` object) ⇔ hub responseFormat. `text.verbosity` has no twin elsewhere.
import type { HubResponseFormat } from '../../hub/hub-request.ts';
import type { Warnings } from '../../hub/warnings.ts';
import { isRecord, isSet, stringAt } from '../read-json.ts';

export function decodeTextConfig(text: unknown, warnings: Warnings): HubResponseFormat | undefined {
  if (!isRecord(text)) return undefined;
  if (isSet(text.verbosity)) warnings.drop('text.verbosity', 'only OpenAI models take a verbosity setting; the upstream uses its default');
  const format = text.format;
  if (!isRecord(format)) return undefined;
  switch (format.type) {
    case 'text':
    case 'json_object':
      return { type: format.type };
    case 'json_schema': {
      const hub: HubResponseFormat = { type: 'json_schema', schema: isRecord(format.schema) ? format.schema : {} };
      const name = stringAt(format.name);
      const description = stringAt(format.description);
      if (name) hub.name = name;
      if (description) hub.description = description;
      if (typeof format.strict === 'boolean') hub.strict = format.strict;
      return hub;
    }
    default:
      warnings.drop(`text.format.${String(format.type)}`, 'output format unknown to the gateway; plain text is asked for');
      return undefined;
  }
}

export function encodeTextFormat(format: HubResponseFormat): Record<string, unknown> {
  if (format.type !== 'json_schema') return { type: format.type };
  // `name` is required by Responses; sources without one (Gemini, Claude) get a neutral name.
  return {
    type: 'json_schema',
    name: format.name ?? 'response',
    ...(format.description ? { description: format.description } : {}),
    schema: format.schema,
    ...(format.strict === undefined ? {} : { strict: format.strict }),
  };
}
