// What the gateway needs to know about one wire protocol to route, validate and pass a
// request through to an upstream that speaks the same protocol. Conversions to and from
// the hub live beside each descriptor.
import type { HubEffort } from '../hub/hub-request.ts';
import type { Validator } from '../validation/validate.ts';
import type { ProtocolId } from './protocol-id.ts';

export type Operation = 'generate' | 'count-tokens';

export interface RequestTarget {
  /** Model id from the URL (Gemini puts it in the path). */
  pathModel?: string;
  /** Gemini: `:streamGenerateContent` rather than `:generateContent`. */
  pathStream?: boolean;
}

export interface Protocol {
  id: ProtocolId;
  /** The version segment this API lives under, when a baseURL does not name one. */
  apiVersion: string;
  validators: Record<Operation, Validator<unknown>>;
  /** The model the client asked for, as written (`provider.model`). */
  modelOf(body: Record<string, unknown>, target: RequestTarget): unknown;
  /** Where that model was named, for error messages (`model`, or the URL path). */
  modelParam: string;
  isStream(body: Record<string, unknown>, target: RequestTarget): boolean;
  /** The API path below the version segment for an upstream call. */
  upstreamPath(operation: Operation, upstreamModel: string, stream: boolean): string;
  /** A same-protocol request body for the upstream: the client's, with only the model changed. */
  withUpstreamModel(body: Record<string, unknown>, upstreamModel: string): Record<string, unknown>;
  /** The same, made by editing the client's JSON text (no re-serialising), or undefined when it cannot be. */
  withUpstreamModelText(text: string, upstreamModel: string): string | undefined;
  /** Where config options reach into a same-protocol body (conversions apply them on the hub). */
  passThrough: PassThroughAdjusters;
  /** The protocol's name in messages, e.g. `Claude Messages`. */
  displayName: string;
  /** What makes a 200 answer unusable (not a complete answer of this protocol), or undefined. */
  answerProblem(body: unknown, operation: Operation): string | undefined;
}

export interface PassThroughAdjusters {
  /** The body with `effort` as its reasoning effort, or undefined when the client chose reasoning itself. */
  withDefaultEffort(body: Record<string, unknown>, effort: HubEffort): Record<string, unknown> | undefined;
  /** The instruction texts in order, and how to write (truncated) texts back in their places. */
  instructions(body: Record<string, unknown>): InstructionTexts;
}

export interface InstructionTexts {
  texts: string[];
  write(texts: readonly string[]): Record<string, unknown>;
}

/** Texts of a string-or-text-parts content value, and how to rebuild it with new texts. */
export function contentTexts(content: unknown): { texts: string[]; rebuild(texts: readonly string[]): unknown } {
  if (typeof content === 'string') return { texts: [content], rebuild: (texts) => texts[0] ?? '' };
  if (!Array.isArray(content)) return { texts: [], rebuild: () => content };
  const isText = (p: unknown): p is { text: string } => typeof p === 'object' && p !== null && typeof (p as { text?: unknown }).text === 'string';
  return {
    texts: content.filter(isText).map((p) => p.text),
    rebuild: (texts) => {
      let i = 0;
      return content.map((p: unknown) => (isText(p) ? { ...p, text: texts[i++] ?? '' } : p));
    },
  };
}

/** Instruction texts spread over several content values (messages, blocks, parts). */
export function instructionsIn(
  body: Record<string, unknown>,
  contents: unknown[],
  rebuild: (contents: unknown[]) => Record<string, unknown>,
): InstructionTexts {
  const slots = contents.map(contentTexts);
  return {
    texts: slots.flatMap((s) => s.texts),
    write(texts) {
      let offset = 0;
      const rebuilt = slots.map((slot) => {
        const part = texts.slice(offset, offset + slot.texts.length);
        offset += slot.texts.length;
        return slot.rebuild(part);
      });
      return contents.length === 0 ? body : rebuild(rebuilt);
    },
  };
}
