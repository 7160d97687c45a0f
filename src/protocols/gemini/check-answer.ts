// A Gemini answer the decoder can read: `candidates`, or — for a prompt blocked before any
// answer — `promptFeedback` alone (https://ai.google.dev/api/generate-content#generatecontentresponse).
// countTokens answers have `totalTokens`, which Gemini leaves out when it is 0.
import { answerObject, countProblem } from '../answer-problem.ts';
import type { Operation } from '../protocol.ts';
import { isRecord } from '../read-json.ts';

export function geminiAnswerProblem(body: unknown, operation: Operation): string | undefined {
  if (operation === 'count-tokens') return countProblem(body, 'totalTokens', true);
  const checked = answerObject(body);
  if ('problem' in checked) return checked.problem;
  const { candidates, promptFeedback } = checked.object;
  if (Array.isArray(candidates) && candidates.length > 0) return undefined;
  return isRecord(promptFeedback) ? undefined : 'it has no candidates';
}
