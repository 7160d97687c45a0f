// Inbound: hub response → the GenerateContentResponse a Gemini client expects. Gemini CLI needs
// a finishReason and at least one part, so an empty answer still carries `{text: ''}`.
// https://ai.google.dev/api/generate-content#generatecontentresponse
import type { Schemas } from '../../../generated/gemini/index.ts';
import type { HubRequest } from '../../hub/hub-request.ts';
import type { HubOutput, HubResponse } from '../../hub/hub-response.ts';
import type { Warnings } from '../../hub/warnings.ts';
import { encodeUsage } from './convert-usage.ts';
import { encodeCall } from './encode-contents.ts';
import { toGeminiFinishReason } from './map-finish-reason.ts';

type Part = Schemas['Part'];
const BLOCKED = 'blockReason:';

/** Reasoning → thought parts. A Gemini signature rides on its own thought part or on the next part. */
function encodeOutput(output: readonly HubOutput[], warnings: Warnings): Part[] {
  const parts: Part[] = [];
  let pendingSignature: string | undefined;
  const push = (part: Part) => {
    if (pendingSignature && !part.thought && part.thoughtSignature === undefined) {
      part.thoughtSignature = pendingSignature;
      pendingSignature = undefined;
    }
    parts.push(part);
  };
  for (const item of output) {
    switch (item.type) {
      case 'text':
        push({ text: item.text });
        break;
      case 'refusal':
        warnings.note('a refusal was sent as plain text (Gemini has no refusal part)');
        push({ text: item.text });
        break;
      case 'tool-call':
        push(encodeCall(item, warnings));
        break;
      case 'reasoning': {
        const text = item.text ?? item.summary?.join('\n\n');
        if (item.origin === 'gemini') {
          if (text !== undefined) push({ text, thought: true, ...(item.signature ? { thoughtSignature: item.signature } : {}) });
          else if (item.signature) pendingSignature = item.signature;
          break;
        }
        // Foreign reasoning text is shown to Gemini clients as thoughts; its opaque state is not.
        if (text !== undefined) push({ text, thought: true });
        if (item.signature !== undefined || item.encrypted !== undefined) warnings.drop(`${item.origin} reasoning signature`, 'valid only for the protocol that issued it');
        break;
      }
    }
  }
  // Gemini itself sends a trailing signature on an empty text part.
  if (pendingSignature) parts.push({ text: '', thoughtSignature: pendingSignature });
  return parts.length > 0 ? parts : [{ text: '' }];
}

export function encodeResponse(response: HubResponse, _request: HubRequest, warnings: Warnings): Record<string, unknown> {
  if (response.stopSequence !== undefined) warnings.drop('stop sequence', 'Gemini does not report which stop sequence matched');
  const meta = { usageMetadata: encodeUsage(response.usage, warnings), modelVersion: response.model, responseId: response.id };
  const raw = response.finishReason.raw;
  // A prompt blocked before any answer keeps Gemini's own shape: no candidates, promptFeedback.
  if (raw?.startsWith(BLOCKED) && response.output.length === 0) {
    return { promptFeedback: { blockReason: raw.slice(BLOCKED.length) }, ...meta } satisfies Schemas['GenerateContentResponse'];
  }
  const candidate: Schemas['Candidate'] = {
    content: { role: 'model', parts: encodeOutput(response.output, warnings) },
    finishReason: toGeminiFinishReason(response.finishReason),
    index: 0,
  };
  return { candidates: [candidate], ...meta } satisfies Schemas['GenerateContentResponse'];
}
