// Upstream: a non-streamed GenerateContentResponse → hub response. Not validated, so every field
// is read leniently. https://ai.google.dev/api/generate-content#generatecontentresponse
import { mintId, nowSeconds } from '../../hub/mint-id.ts';
import type { HubOutput, HubResponse } from '../../hub/hub-response.ts';
import { newToolCallId } from '../../hub/tool-call-id.ts';
import type { Warnings } from '../../hub/warnings.ts';
import { isRecord, recordsAt, stringAt, type JsonObject } from '../read-json.ts';
import { decodeUsage } from './convert-usage.ts';
import { mapGeminiFinishReason } from './map-finish-reason.ts';

/** Candidate fields with no twin in the hub response. */
const DROPPED_CANDIDATE_FIELDS: Record<string, string> = {
  safetyRatings: 'safety ratings have no twin',
  citationMetadata: 'citations have no twin',
  groundingMetadata: 'grounding (search) metadata has no twin',
  groundingAttributions: 'grounding attributions have no twin',
  urlContextMetadata: 'URL-context metadata has no twin',
  avgLogprobs: 'log-probabilities are not carried through the hub',
  logprobsResult: 'log-probabilities are not carried through the hub',
  finishMessage: 'only the finish reason itself is carried',
};

function decodeParts(parts: JsonObject[], warnings: Warnings): HubOutput[] {
  const output: HubOutput[] = [];
  for (const part of parts) {
    const signature = stringAt(part.thoughtSignature);
    const text = stringAt(part.text);
    if (isRecord(part.functionCall)) {
      const call = part.functionCall;
      output.push({
        type: 'tool-call',
        id: stringAt(call.id) ?? newToolCallId(), // Gemini 2.x sends no id; the client needs one
        name: stringAt(call.name) ?? '',
        arguments: JSON.stringify(isRecord(call.args) ? call.args : {}),
        ...(signature ? { signature: { origin: 'gemini', value: signature } } : {}),
      });
    } else if (text !== undefined && part.thought === true) {
      output.push({ type: 'reasoning', origin: 'gemini', text, ...(signature ? { signature } : {}) });
    } else {
      // A signature on an answer part closes the reasoning before it: keep it, in place.
      if (signature) output.push({ type: 'reasoning', origin: 'gemini', signature });
      if (text === undefined) {
        const kind = Object.keys(part).find((key) => key !== 'thoughtSignature');
        if (kind) warnings.drop(`response part ${kind}`, 'only text, thoughts and function calls have twins in a response');
      } else if (text !== '') {
        const last = output.at(-1);
        if (last?.type === 'text') last.text += text;
        else output.push({ type: 'text', text });
      }
    }
  }
  return output;
}

export function decodeResponse(raw: unknown, warnings: Warnings): HubResponse {
  const body = isRecord(raw) ? raw : {};
  const candidates = recordsAt(body.candidates);
  if (candidates.length > 1) warnings.drop('candidates[1..]', `only the first of ${candidates.length} candidates is converted`);
  const candidate = candidates[0];
  for (const [field, why] of Object.entries(DROPPED_CANDIDATE_FIELDS)) if (candidate?.[field] !== undefined) warnings.drop(`candidates[0].${field}`, why);
  if (body.modelStatus !== undefined) warnings.drop('modelStatus', 'no twin outside Gemini');
  const content = isRecord(candidate?.content) ? candidate.content : {};
  const output = decodeParts(recordsAt(content.parts), warnings);
  const blockReason = isRecord(body.promptFeedback) ? stringAt(body.promptFeedback.blockReason) : undefined;
  const finishReason = !candidate && blockReason
    ? { unified: 'content-filter' as const, raw: `blockReason:${blockReason}` }
    : mapGeminiFinishReason(stringAt(candidate?.finishReason), output.filter((o) => o.type === 'tool-call').length);
  return {
    id: stringAt(body.responseId) ?? mintId('gemini-'),
    model: stringAt(body.modelVersion) ?? '',
    output,
    finishReason,
    usage: decodeUsage(body.usageMetadata),
    created: nowSeconds(), // Gemini answers carry no timestamp
  };
}
