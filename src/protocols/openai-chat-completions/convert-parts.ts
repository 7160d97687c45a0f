// Chat content parts ⇔ hub parts. Chat carries inline bytes as data URLs (`image_url.url`,
// `file.file_data`), so both directions convert between data URLs and base64 sources.
// https://platform.openai.com/docs/api-reference/chat/create (messages[].content[])
import type { HubFile, HubImage, HubPart, HubText } from '../../hub/hub-content.ts';
import type { Drop } from '../../hub/warnings.ts';
import { type JsonObject, recordsAt, stringAt } from '../read-json.ts';
import type { Schemas } from '../../../generated/openai-chat-completions/index.ts';
import { rec } from './json-objects.ts';

type ChatUserPart = Schemas['ChatUserContentPart'];
type ChatTextPart = Schemas['ChatTextPart'];

/** The Claude-shaped breakpoint the hub keeps (`HubText.cacheControl` is Anthropic `cache_control`). */
const CACHE_BREAKPOINT = { type: 'ephemeral' } as const;

/** `data:<mime>[;param];base64,<data>` → parts; undefined for anything else (https, percent-encoded). */
export function parseDataUrl(url: string): { mediaType: string | undefined; data: string } | undefined {
  if (!url.startsWith('data:')) return undefined;
  const comma = url.indexOf(',');
  if (comma < 0) return undefined;
  const params = url.slice(5, comma).split(';');
  if (params.at(-1)?.toLowerCase() !== 'base64') return undefined;
  return { mediaType: params[0] || undefined, data: url.slice(comma + 1) };
}

export function dataUrl(mediaType: string, data: string): string {
  return `data:${mediaType};base64,${data}`;
}

/** A text part (empty text is no content: undefined). A cache breakpoint keeps its meaning for Claude targets. */
export function decodeTextPart(part: JsonObject): HubText | undefined {
  const text = stringAt(part.text);
  if (!text) return undefined;
  return part.prompt_cache_breakpoint != null ? { type: 'text', text, cacheControl: CACHE_BREAKPOINT } : { type: 'text', text };
}

/** String content or text-only parts (system, developer, tool, assistant messages). */
export function decodeTextContent(content: unknown, where: string, drop: Drop): HubText[] {
  if (typeof content === 'string') return content ? [{ type: 'text', text: content }] : [];
  const out: HubText[] = [];
  for (const part of recordsAt(content)) {
    if (part.type === 'text') {
      const text = decodeTextPart(part);
      if (text) out.push(text);
    } else {
      drop(`${where}.content[].type=${String(part.type)}`, 'this message role takes text only; part not forwarded');
    }
  }
  return out;
}

/** One user content part → hub part (undefined when empty or unknown, with a warning for the latter). */
export function decodeUserPart(part: JsonObject, drop: Drop): HubPart | undefined {
  if (part.type !== 'text' && part.prompt_cache_breakpoint != null) {
    drop('messages[].content[].prompt_cache_breakpoint', 'the hub keeps cache breakpoints on text parts only');
  }
  switch (part.type) {
    case 'text':
      return decodeTextPart(part);
    case 'image_url': {
      const image = rec(part.image_url);
      const url = stringAt(image.url);
      if (url === undefined) break;
      const inline = parseDataUrl(url);
      const source: HubImage['source'] = inline
        ? { kind: 'base64', mediaType: inline.mediaType ?? 'image/png', data: inline.data }
        : { kind: 'url', url };
      const detail = stringAt(image.detail);
      return detail === undefined ? { type: 'image', source } : { type: 'image', source, detail };
    }
    case 'input_audio': {
      const audio = rec(part.input_audio);
      const data = stringAt(audio.data);
      const format = stringAt(audio.format);
      if (data === undefined || format === undefined) break;
      return { type: 'audio', data, format };
    }
    case 'file': {
      const file = rec(part.file);
      const filename = stringAt(file.filename);
      const fileData = stringAt(file.file_data);
      const fileId = stringAt(file.file_id);
      let source: HubFile['source'];
      if (fileData !== undefined) {
        // OpenAI documents `file_data` as a data URL; bare base64 is taken as a PDF, the one file type Chat reads.
        const inline = parseDataUrl(fileData);
        source = { kind: 'base64', mediaType: inline?.mediaType ?? 'application/pdf', data: inline ? inline.data : fileData };
      } else if (fileId !== undefined) {
        source = { kind: 'file-id', id: fileId };
      } else {
        break;
      }
      return filename === undefined ? { type: 'file', source } : { type: 'file', source, filename };
    }
  }
  drop(`messages[].content[].type=${String(part.type)}`, 'unknown or incomplete user content part; not forwarded');
  return undefined;
}

export function encodeTextPart(part: HubText, drop: Drop): ChatTextPart {
  if (part.cacheControl !== undefined) {
    // prompt_cache_breakpoint exists only on gpt-5.6+; other models and Chat-compatible servers may reject it.
    drop('cacheControl', 'OpenAI Chat caches prompt prefixes automatically; explicit breakpoints are not sent');
  }
  return { type: 'text', text: part.text };
}

/** Text parts → a plain string when there is one part (what every Chat-compatible server accepts), else parts. */
export function encodeTextContent(parts: readonly HubText[], drop: Drop): string | ChatTextPart[] {
  const [only] = parts;
  if (parts.length === 1 && only) return encodeTextPart(only, drop).text;
  return parts.map((part) => encodeTextPart(part, drop));
}

function fileName(file: HubFile): string {
  if (file.filename) return file.filename;
  // OpenAI requires a filename with `file_data`; name it after its type rather than fail the request.
  const subtype = file.source.mediaType?.split('/')[1]?.split(/[+;]/)[0];
  return subtype ? `file.${subtype}` : 'file';
}

/** One hub part → Chat user content parts; what Chat cannot take becomes a placeholder text, with a warning. */
export function encodeUserPart(part: HubPart, drop: Drop): ChatUserPart[] {
  switch (part.type) {
    case 'text':
      return [encodeTextPart(part, drop)];
    case 'audio':
      return [{ type: 'input_audio', input_audio: { data: part.data, format: part.format } }];
    case 'image': {
      const { source } = part;
      if (source.kind === 'file-id') {
        drop('image.source(file-id)', 'Chat image parts take a URL only; a placeholder text was sent');
        return [{ type: 'text', text: `[image: file ${source.id}]` }];
      }
      const url = source.kind === 'base64' ? dataUrl(source.mediaType, source.data) : source.url;
      return [{ type: 'image_url', image_url: part.detail === undefined ? { url } : { url, detail: part.detail } }];
    }
    case 'file': {
      const { source } = part;
      if (source.kind === 'url') {
        drop('file.source(url)', 'Chat file parts take inline data or a file id, not a URL; a placeholder text was sent');
        return [{ type: 'text', text: `[file: ${source.url}]` }];
      }
      const file =
        source.kind === 'base64'
          ? { file_data: dataUrl(source.mediaType, source.data), filename: fileName(part) }
          : { file_id: source.id, ...(part.filename === undefined ? {} : { filename: part.filename }) };
      return [{ type: 'file', file }];
    }
  }
}
