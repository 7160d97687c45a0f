// Gemini `contents` (history) → hub items, in order. One Gemini turn may hold text, media,
// thoughts, calls and results side by side; each becomes its own hub item so nothing is reordered.
import type { Schemas } from '../../../generated/gemini/index.ts';
import type { HubPart } from '../../hub/hub-content.ts';
import type { HubItem, HubMessage } from '../../hub/hub-request.ts';
import type { Warnings } from '../../hub/warnings.ts';
import { isRecord } from '../read-json.ts';
import { decodeMediaPart } from './convert-parts.ts';
import { toStandardBase64 } from './normalize-keys.ts';

type Part = Schemas['Part'];
type FunctionResponse = Schemas['FunctionResponse'];

/** What Gemini CLI puts on a call the model gave no signature for; not a real signature. */
export const SKIP_SIGNATURE = 'skip_thought_signature_validator';

/** Part fields with no twin outside Gemini. */
const DROPPED_PART_FIELDS: Partial<Record<keyof Part, string>> = {
  executableCode: 'code execution runs inside Gemini only',
  codeExecutionResult: 'code execution runs inside Gemini only',
  toolCall: 'server-side tool invocations have no twin',
  toolResponse: 'server-side tool invocations have no twin',
  videoMetadata: 'video clipping has no twin',
  mediaResolution: 'per-part media resolution has no twin',
  mediaProcessing: 'no twin outside Gemini',
  partMetadata: 'no twin outside Gemini',
};

function signatureOf(part: Part): string | undefined {
  const signature = part.thoughtSignature;
  return signature && signature !== SKIP_SIGNATURE ? toStandardBase64(signature) : undefined;
}

/** `{output|result|content: "…"}` → that text; `{error: "…"}` → an error result; else the JSON. */
function resultContent(response: FunctionResponse['response']): { text: string | undefined; isError: boolean } {
  if (response === undefined) return { text: undefined, isError: false };
  const entries = Object.entries(response);
  const [key, value] = entries[0] ?? [];
  if (entries.length === 1 && typeof value === 'string') {
    if (key === 'output' || key === 'result' || key === 'content') return { text: value, isError: false };
    if (key === 'error') return { text: value, isError: true };
  }
  return { text: JSON.stringify(response), isError: false };
}

export function decodeContents(contents: readonly Schemas['Content'][], warnings: Warnings): HubItem[] {
  const items: HubItem[] = [];
  // Calls not answered yet, by name: a result without an id answers the oldest one (Gemini matches by name).
  const unanswered = new Map<string, string[]>();
  contents.forEach((content, turn) => {
    if (content.role === 'system') {
      // Tolerated inbound (some clients send it); the hub keeps it as an in-conversation instruction.
      items.push({ type: 'instruction', role: 'system', content: content.parts.flatMap((p) => (p.text !== undefined ? [{ type: 'text' as const, text: p.text }] : [])) });
      return;
    }
    const role = content.role === 'model' ? 'assistant' : 'user'; // missing and legacy `function` → user
    let message: HubMessage | undefined;
    const addPart = (part: HubPart) => {
      if (!message) items.push((message = { type: 'message', role, content: [] }));
      message.content.push(part);
    };
    const addItem = (item: HubItem) => {
      message = undefined;
      items.push(item);
    };
    content.parts.forEach((part, index) => {
      for (const [field, why] of Object.entries(DROPPED_PART_FIELDS)) if (field in part) warnings.drop(`parts[].${field}`, why);
      const signature = signatureOf(part);
      if (part.functionCall) {
        const { name, args } = part.functionCall;
        // Deterministic when absent, so the same history always decodes to the same ids.
        const id = part.functionCall.id ?? `call_${name}_${turn}_${index}`;
        unanswered.set(name, [...(unanswered.get(name) ?? []), id]);
        addItem({ type: 'tool-call', id, name, arguments: JSON.stringify(args ?? {}), ...(signature ? { signature: { origin: 'gemini', value: signature } } : {}) });
      } else if (part.functionResponse) {
        addItem(decodeResult(part.functionResponse, unanswered, `call_${part.functionResponse.name}_${turn}_${index}`, warnings));
      } else if (part.text !== undefined && part.thought === true) {
        addItem({ type: 'reasoning', origin: 'gemini', text: part.text, ...(signature ? { signature } : {}) });
      } else {
        // A signature on a text/media part belongs to the reasoning that preceded it.
        if (signature) addItem({ type: 'reasoning', origin: 'gemini', signature });
        // An empty text part carries nothing (Gemini closes a turn with one, and clients echo
        // it back after a call): it must not become a message of its own.
        if (part.text === '') return;
        const decoded = part.text !== undefined ? { type: 'text' as const, text: part.text } : decodeMediaPart(part);
        if (decoded) addPart(decoded);
      }
    });
  });
  return items;
}

function decodeResult(result: FunctionResponse, unanswered: Map<string, string[]>, fallbackId: string, warnings: Warnings): HubItem {
  const queue = unanswered.get(result.name) ?? [];
  const callId = result.id ?? queue[0] ?? fallbackId;
  if (queue.includes(callId)) queue.splice(queue.indexOf(callId), 1);
  if (result.willContinue !== undefined || result.scheduling !== undefined) {
    warnings.drop('functionResponse.willContinue/scheduling', 'Live API scheduling has no twin');
  }
  const { text, isError } = resultContent(result.response);
  const media = (result.parts ?? []).flatMap((p) => {
    const decoded = isRecord(p) ? decodeMediaPart(p as Part) : undefined;
    return decoded ? [decoded] : [];
  });
  const content: HubPart[] = [...(text !== undefined ? [{ type: 'text' as const, text }] : []), ...media];
  return { type: 'tool-result', callId, name: result.name, content: content.length > 0 ? content : [{ type: 'text', text: '' }], ...(isError ? { isError: true } : {}) };
}
