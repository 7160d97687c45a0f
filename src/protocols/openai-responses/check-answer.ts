// A Response the decoder can read: an `output` array
// (https://platform.openai.com/docs/api-reference/responses/object); input_tokens counts have
// `input_tokens`.
import { answerObject, countProblem } from '../answer-problem.ts';
import type { Operation } from '../protocol.ts';

export function responsesAnswerProblem(body: unknown, operation: Operation): string | undefined {
  if (operation === 'count-tokens') return countProblem(body, 'input_tokens');
  const checked = answerObject(body);
  if ('problem' in checked) return checked.problem;
  return Array.isArray(checked.object.output) ? undefined : 'it has no "output" array';
}
