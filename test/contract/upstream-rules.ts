// What a real upstream requires of a request beyond its published schema's shape: rules the
// vendors enforce (or document as required) that a lenient validator lets through. Checked on
// every request a mock upstream receives, so a conversion that breaks one fails every suite
// that sends through it, for every client fixture.
import type { ProtocolId } from '../../src/protocols/protocol-id.ts';
import type { Validator } from '../../src/validation/validate.ts';

type Rule = (body: Record<string, unknown>) => string | undefined;

const records = (value: unknown): Array<Record<string, unknown>> =>
  Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null) : [];

const RULES: Partial<Record<ProtocolId, Rule[]>> = {
  'openai-responses': [
    // The Responses API reads a function tool without `strict` as strict (all properties
    // required, additionalProperties false) and its spec lists `strict` as required.
    // https://platform.openai.com/docs/api-reference/responses/create#responses-create-tools
    (body) => {
      const missing = records(body.tools).findIndex((t) => t.type === 'function' && typeof t.strict !== 'boolean');
      return missing < 0 ? undefined : `/tools/${missing}/strict: a function tool must say strict true or false`;
    },
  ],
};

/** The protocol's request validator, plus its upstream rules. */
export function withUpstreamRules(protocol: ProtocolId, validator: Validator<unknown>): Validator<unknown> {
  const rules = RULES[protocol] ?? [];
  return (value) => {
    const result = validator(value);
    if (!result.ok || typeof value !== 'object' || value === null) return result;
    const broken = rules.map((rule) => rule(value as Record<string, unknown>)).filter((m): m is string => m !== undefined);
    if (broken.length === 0) return result;
    return { ok: false, issues: broken.map((m) => ({ path: m.slice(0, m.indexOf(':')), message: m.slice(m.indexOf(':') + 2) })) };
  };
}
