// Content parts: what a message, a tool result or a system prompt is made of. A superset of
// the four protocols' parts; each encoder decides what its target can take and reports the rest.

export interface HubText {
  type: 'text';
  text: string;
  /** Anthropic prompt-cache breakpoint on this part (`cache_control`), kept for Claude targets. */
  cacheControl?: unknown;
}

/** Bytes inline, or a URL the target may fetch itself. */
export type HubMediaSource =
  | { kind: 'base64'; mediaType: string; data: string }
  | { kind: 'url'; url: string; mediaType?: string }
  /** A provider-side file id (OpenAI `file-…`, Anthropic `file_…`, Gemini `files/…`): never crosses providers. */
  | { kind: 'file-id'; id: string; mediaType?: string };

export interface HubImage {
  type: 'image';
  source: HubMediaSource;
  /** OpenAI `detail` (auto/low/high). */
  detail?: string;
}

/** A document: PDF or plain text file. */
export interface HubFile {
  type: 'file';
  source: HubMediaSource;
  filename?: string;
}

export interface HubAudio {
  type: 'audio';
  /** base64 */
  data: string;
  /** wav, mp3, … */
  format: string;
}

export type HubPart = HubText | HubImage | HubFile | HubAudio;

/** Joins the text parts; other parts are not text. */
export function textOf(parts: readonly HubPart[]): string {
  return parts.map((p) => (p.type === 'text' ? p.text : '')).join('');
}
