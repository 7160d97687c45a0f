// Content parts both ways: Responses `input_text` / `output_text` / `refusal` / `input_image` /
// `input_file` ⇔ hub parts. Images and files may come inline (data URL), by URL or by OpenAI
// file id (https://platform.openai.com/docs/api-reference/responses/create#responses-create-input).
import type { HubMediaSource, HubPart } from '../../hub/hub-content.ts';
import type { Warnings } from '../../hub/warnings.ts';
import { isRecord, isSet, stringAt } from '../read-json.ts';

const DATA_URL = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s;

/** `data:<mime>;base64,<b64>` → base64 source; any other URL (incl. non-base64 data URLs) stays a URL. */
function sourceFromUrl(url: string): HubMediaSource {
  const match = DATA_URL.exec(url);
  if (match && /;base64/i.test(match[2] ?? '')) {
    return { kind: 'base64', mediaType: match[1] || 'application/octet-stream', data: match[3] ?? '' };
  }
  return { kind: 'url', url };
}

/** `input_file.file_data` is a data URL; bare base64 is accepted too, typed by the file name. */
function sourceFromFileData(data: string, filename: string | undefined): HubMediaSource {
  if (data.startsWith('data:')) return sourceFromUrl(data);
  const ext = filename?.split('.').pop()?.toLowerCase();
  const mediaType = ext === 'pdf' ? 'application/pdf' : ext === 'txt' ? 'text/plain' : 'application/octet-stream';
  return { kind: 'base64', mediaType, data };
}

export function toDataUrl(mediaType: string, data: string): string {
  return `data:${mediaType};base64,${data}`;
}

/** One Responses content part (message, tool output) → hub part; `where` names it in warnings. */
export function decodePart(part: Record<string, unknown>, where: string, warnings: Warnings): HubPart | undefined {
  if (isSet(part.prompt_cache_breakpoint)) {
    warnings.drop(`${where}.prompt_cache_breakpoint`, 'explicit cache breakpoints have no hub twin; the upstream caches as it does by default');
  }
  switch (part.type) {
    case 'input_text':
    case 'output_text': {
      if (Array.isArray(part.annotations) && part.annotations.length > 0) {
        warnings.drop(`${where}.annotations`, 'citations on replayed assistant text have no twin elsewhere');
      }
      const text = stringAt(part.text) ?? '';
      return text === '' ? undefined : { type: 'text', text };
    }
    case 'refusal': {
      // A refusal replayed as history is what the assistant said: plain assistant text elsewhere.
      const text = stringAt(part.refusal) ?? '';
      return text === '' ? undefined : { type: 'text', text };
    }
    case 'input_image': {
      const url = stringAt(part.image_url);
      const fileId = stringAt(part.file_id);
      const source: HubMediaSource | undefined = url ? sourceFromUrl(url) : fileId ? { kind: 'file-id', id: fileId } : undefined;
      if (!source) {
        warnings.drop(`${where}.input_image`, 'an image with neither image_url nor file_id was left out');
        return undefined;
      }
      const detail = stringAt(part.detail);
      return detail ? { type: 'image', source, detail } : { type: 'image', source };
    }
    case 'input_file': {
      const filename = stringAt(part.filename);
      const data = stringAt(part.file_data);
      const url = stringAt(part.file_url);
      const fileId = stringAt(part.file_id);
      const source: HubMediaSource | undefined = data
        ? sourceFromFileData(data, filename)
        : url
          ? { kind: 'url', url }
          : fileId
            ? { kind: 'file-id', id: fileId }
            : undefined;
      if (!source) {
        warnings.drop(`${where}.input_file`, 'a file with no file_data, file_url or file_id was left out');
        return undefined;
      }
      return filename ? { type: 'file', source, filename } : { type: 'file', source };
    }
    default:
      warnings.drop(`${where}.${String(part.type)}`, 'content part type not convertible to other protocols; left out');
      return undefined;
  }
}

/** String content or a parts array → hub parts (empty text carries nothing and is skipped). */
export function decodeContent(content: unknown, where: string, warnings: Warnings): HubPart[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  if (!Array.isArray(content)) return [];
  return content.flatMap((part) => {
    const decoded = isRecord(part) ? decodePart(part, where, warnings) : undefined;
    return decoded ? [decoded] : [];
  });
}

/** Hub part → Responses input part (user messages, tool outputs). */
export function encodeInputPart(part: HubPart, warnings: Warnings): Record<string, unknown> | undefined {
  switch (part.type) {
    case 'text':
      if (part.cacheControl !== undefined) {
        warnings.drop('cache_control', 'OpenAI caches prompt prefixes automatically; per-part cache breakpoints are not sent');
      }
      return part.text === '' ? undefined : { type: 'input_text', text: part.text };
    case 'image': {
      const { source } = part;
      // `detail` defaults to auto on the API; sending it explicitly changes nothing.
      const detail = part.detail ?? 'auto';
      if (source.kind === 'file-id') return { type: 'input_image', file_id: source.id, detail };
      const url = source.kind === 'base64' ? toDataUrl(source.mediaType, source.data) : source.url;
      return { type: 'input_image', image_url: url, detail };
    }
    case 'file': {
      const { source } = part;
      if (source.kind === 'file-id') return { type: 'input_file', file_id: source.id, ...(part.filename ? { filename: part.filename } : {}) };
      if (source.kind === 'url') return { type: 'input_file', file_url: source.url, ...(part.filename ? { filename: part.filename } : {}) };
      // OpenAI rejects inline file_data without a filename, so one is made up when the source had none.
      const filename = part.filename ?? (source.mediaType === 'application/pdf' ? 'document.pdf' : 'document');
      return { type: 'input_file', file_data: toDataUrl(source.mediaType, source.data), filename };
    }
    case 'audio':
      warnings.drop('input_audio', 'Responses input messages take no audio parts; the audio was left out');
      return undefined;
  }
}
