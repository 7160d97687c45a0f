// The shared part of checking an upstream's 200 answer before it is decoded or relayed: an
// answer must be a JSON object, and one that only reports an error is no answer. Each
// protocol adds the fields its decoder cannot do without (`check-answer.ts` in its folder).
import { isRecord, stringAt, type JsonObject } from './read-json.ts';

/** What is wrong with a 200 body in general, or the object to check further. */
export function answerObject(body: unknown): { problem: string } | { object: JsonObject } {
  if (!isRecord(body)) return { problem: 'the body is not a JSON object' };
  const error = body.error;
  if (error !== undefined && error !== null) {
    const message = isRecord(error) ? stringAt(error.message) : stringAt(error);
    return { problem: `it reports an error instead${message ? `: ${message.slice(0, 300)}` : ''}` };
  }
  return { object: body };
}

/** A count answer: one number field. */
export function countProblem(body: unknown, field: string, optional = false): string | undefined {
  const checked = answerObject(body);
  if ('problem' in checked) return checked.problem;
  const value = checked.object[field];
  if (value === undefined && optional) return undefined;
  return typeof value === 'number' && Number.isFinite(value) ? undefined : `"${field}" is not a number`;
}
