// A Chat completion the decoder can read: `choices[0].message` must be there
// (https://platform.openai.com/docs/api-reference/chat/object).
import { answerObject } from '../answer-problem.ts';
import type { Operation } from '../protocol.ts';
import { isRecord } from '../read-json.ts';

export function chatAnswerProblem(body: unknown, _operation: Operation): string | undefined {
  const checked = answerObject(body);
  if ('problem' in checked) return checked.problem;
  const choices = checked.object.choices;
  if (!Array.isArray(choices) || choices.length === 0) return 'it has no choices';
  const first: unknown = choices[0];
  return isRecord(first) && isRecord(first.message) ? undefined : 'choices[0] has no message';
}
