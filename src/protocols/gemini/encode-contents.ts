// Hub items (already in call → results order) → Gemini `contents`. Gemini expects user/model
// alternation, so consecutive same-role turns merge; every result answering one model turn lands
// in ONE user content, one functionResponse part per call, in call order.
// https://ai.google.dev/gemini-api/docs/function-calling
import type { Schemas } from '../../../generated/gemini/index.ts';
import { textOf } from '../../hub/hub-content.ts';
import type { HubItem, HubToolCall, HubToolResult } from '../../hub/hub-request.ts';
import { toolNamesById } from '../../hub/tool-names.ts';
import type { Warnings } from '../../hub/warnings.ts';
import { isRecord } from '../read-json.ts';
import { encodePart } from './convert-parts.ts';
import { CUSTOM_INPUT } from './convert-tools.ts';

type Content = Schemas['Content'];
type Part = Schemas['Part'];

function parseObject(text: string): Record<string, unknown> | undefined {
  // Most tool output is plain text: skip the throw-and-catch of JSON.parse for it (bench: ~200 µs
  // per 35-result Claude Code request).
  if (!text.trimStart().startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** A call (history item or answer output) → a functionCall part; only a Gemini-issued signature rides along. */
export function encodeCall(call: Omit<HubToolCall, 'type'>, warnings: Warnings): Part {
  let args = call.custom ? { [CUSTOM_INPUT]: call.arguments } : call.arguments.trim() === '' ? {} : parseObject(call.arguments);
  if (!args) {
    warnings.drop(`tool call ${call.id} arguments`, 'not a JSON object; sent as {}');
    args = {};
  }
  if (call.signature && call.signature.origin !== 'gemini') {
    warnings.drop(`tool call ${call.id} signature`, `issued by ${call.signature.origin}; only valid there`);
  }
  const thoughtSignature = call.signature?.origin === 'gemini' ? { thoughtSignature: call.signature.value } : {};
  return { functionCall: { id: call.id, name: call.name, args }, ...thoughtSignature };
}

/**
 * Gemini 3 rejects a function call in the history without a thoughtSignature. A call that has
 * none from Gemini (another upstream made it, or the client lost it) gets the placeholder
 * Google documents for exactly this case, which tells the API to skip validation.
 * https://ai.google.dev/gemini-api/docs/thought-signatures
 */
export const THOUGHT_SIGNATURE_PLACEHOLDER = 'skip_thought_signature_validator';

function withSignaturePlaceholder(part: Part): Part {
  return 'thoughtSignature' in part ? part : { ...part, thoughtSignature: THOUGHT_SIGNATURE_PLACEHOLDER };
}

/** Plain text → `{output}`, a JSON object text → that object, an error → `{error}`; images ride in `parts` (Gemini 3). */
function encodeResult(result: HubToolResult, names: Map<string, string>, warnings: Warnings): Part {
  const text = textOf(result.content);
  const response = result.isError ? { error: text } : (parseObject(text) ?? { output: text });
  const parts: Array<Record<string, unknown>> = [];
  for (const hubPart of result.content) {
    if (hubPart.type === 'text') continue;
    const part = encodePart(hubPart, warnings);
    if (part?.inlineData) parts.push({ inlineData: part.inlineData });
    else if (part) warnings.drop(`tool result ${result.callId} ${hubPart.type}`, 'only inline bytes can ride in a functionResponse');
  }
  const name = result.name ?? names.get(result.callId) ?? result.callId;
  return { functionResponse: { id: result.callId, name, response, ...(parts.length > 0 ? { parts } : {}) } };
}

export function encodeContents(items: readonly HubItem[], warnings: Warnings): Content[] {
  const contents: Content[] = [];
  const names = toolNamesById(items);
  // A Gemini signature from a reasoning item without text rides on the next model text part.
  let pendingSignature: string | undefined;
  const dropPending = () => {
    if (pendingSignature) warnings.drop('reasoning thoughtSignature', 'no model text part followed it to carry it');
    pendingSignature = undefined;
  };
  const push = (role: 'user' | 'model', part: Part) => {
    if (role === 'user') dropPending();
    if (role === 'model' && pendingSignature && part.text !== undefined && !part.thought) {
      part.thoughtSignature = pendingSignature;
      pendingSignature = undefined;
    }
    const last = contents.at(-1);
    if (last?.role === role) last.parts.push(part);
    else contents.push({ role, parts: [part] });
  };
  for (const item of items) {
    switch (item.type) {
      case 'instruction': // moved to systemInstruction by encodeRequest
        break;
      case 'message':
        for (const hubPart of item.content) {
          const part = encodePart(hubPart, warnings);
          if (part) push(item.role === 'assistant' ? 'model' : 'user', part);
        }
        break;
      case 'reasoning':
        if (item.origin !== 'gemini') {
          warnings.drop(`${item.origin} reasoning`, 'opaque reasoning is valid only for the protocol that issued it; dropped with its text');
        } else if (item.text !== undefined) {
          push('model', { text: item.text, thought: true, ...(item.signature ? { thoughtSignature: item.signature } : {}) });
        } else if (item.signature) {
          dropPending();
          pendingSignature = item.signature;
        }
        break;
      case 'tool-call':
        push('model', withSignaturePlaceholder(encodeCall(item, warnings)));
        break;
      case 'tool-result':
        push('user', encodeResult(item, names, warnings));
        break;
    }
  }
  dropPending();
  return contents;
}
