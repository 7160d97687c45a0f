// A Claude message the decoder can read: a `content` array
// (https://docs.anthropic.com/en/api/messages); count_tokens answers have `input_tokens`.
import { answerObject, countProblem } from '../answer-problem.ts';
import type { Operation } from '../protocol.ts';

export function claudeAnswerProblem(body: unknown, operation: Operation): string | undefined {
  if (operation === 'count-tokens') return countProblem(body, 'input_tokens');
  const checked = answerObject(body);
  if ('problem' in checked) return checked.problem;
  if (checked.object.type === 'error') return 'it reports an error instead';
  return Array.isArray(checked.object.content) ? undefined : 'it has no "content" array';
}
