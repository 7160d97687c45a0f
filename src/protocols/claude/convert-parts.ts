// Content blocks ⇔ hub parts: text, image and document blocks, as they appear in user turns
// and inside tool_result content. Claude takes images only as JPEG/PNG/GIF/WebP and has no
// audio; provider file ids never cross providers (PROTOCOLS §5.2, §6.10).
import type { HubMediaSource, HubPart, HubText } from '../../hub/hub-content.ts';
import type { Warnings } from '../../hub/warnings.ts';
import { isRecord, type JsonObject, recordsAt, stringAt } from '../read-json.ts';
import type { Schemas } from '../../../generated/claude/index.ts';
import { isMeaningful } from './is-meaningful.ts';

export type ClaudeMediaBlock = Schemas['TextBlock'] | Schemas['ImageBlock'] | Schemas['DocumentBlock'];

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] as const;
type ClaudeImageType = (typeof IMAGE_TYPES)[number];

function isClaudeImageType(mediaType: string): mediaType is ClaudeImageType {
  return (IMAGE_TYPES as readonly string[]).includes(mediaType);
}

// ── decode ────────────────────────────────────────────────────────────────────────────

export function decodeText(block: JsonObject): HubText {
  const text: HubText = { type: 'text', text: stringAt(block.text) ?? '' };
  if (isMeaningful(block.cache_control)) text.cacheControl = block.cache_control;
  return text;
}

function decodeSource(source: unknown, fallbackMediaType?: string): HubMediaSource | undefined {
  if (!isRecord(source)) return undefined;
  const data = stringAt(source.data);
  const url = stringAt(source.url);
  const fileId = stringAt(source.file_id);
  if (source.type === 'base64' && data !== undefined) return { kind: 'base64', mediaType: stringAt(source.media_type) ?? fallbackMediaType ?? 'application/octet-stream', data };
  if (source.type === 'url' && url !== undefined) return fallbackMediaType ? { kind: 'url', url, mediaType: fallbackMediaType } : { kind: 'url', url };
  if (source.type === 'file' && fileId !== undefined) return { kind: 'file-id', id: fileId };
  return undefined;
}

function decodeDocument(block: JsonObject, at: string, warnings: Warnings): HubPart[] {
  const source = isRecord(block.source) ? block.source : {};
  const title = stringAt(block.title);
  for (const field of ['context', 'citations'] as const) {
    if (isMeaningful(block[field])) warnings.drop(`${at}.${field}`, 'documents carry no context or citation settings in the hub; dropped');
  }
  if (source.type === 'text') {
    // A plain-text document is text to every target; its title stays as a heading.
    const data = stringAt(source.data) ?? '';
    return [{ type: 'text', text: title ? `${title}\n\n${data}` : data }];
  }
  if (source.type === 'content') {
    if (typeof source.content === 'string') return [{ type: 'text', text: source.content }];
    return recordsAt(source.content).flatMap((inner, i) => decodeMediaBlock(inner, `${at}.source.content[${i}]`, warnings) ?? []);
  }
  // Claude reads URL documents as PDFs.
  const decoded = decodeSource(source, 'application/pdf');
  if (!decoded) {
    warnings.drop(`${at}.source`, `document source type ${String(source.type)} has no hub twin; dropped`);
    return [];
  }
  return [title ? { type: 'file', source: decoded, filename: title } : { type: 'file', source: decoded }];
}

/** A text/image/document block → hub parts; undefined for any other block type. */
export function decodeMediaBlock(block: JsonObject, at: string, warnings: Warnings): HubPart[] | undefined {
  if (block.type === 'text') {
    if (isMeaningful(block.citations)) warnings.drop(`${at}.citations`, 'citations have no hub twin; dropped');
    return [decodeText(block)];
  }
  if (block.type !== 'image' && block.type !== 'document') return undefined;
  if (isMeaningful(block.cache_control)) warnings.drop(`${at}.cache_control`, 'the hub keeps cache breakpoints only on text; dropped');
  if (block.type === 'document') return decodeDocument(block, at, warnings);
  const source = decodeSource(block.source);
  if (!source) {
    warnings.drop(`${at}.source`, 'image source type has no hub twin; dropped');
    return [];
  }
  return [{ type: 'image', source }];
}

// ── encode ────────────────────────────────────────────────────────────────────────────

/** Claude rejects empty text blocks: whitespace-only text is omitted. */
export function encodeText(part: HubText): Schemas['TextBlock'] | undefined {
  if (part.text.trim() === '') return undefined;
  const block: Schemas['TextBlock'] = { type: 'text', text: part.text };
  if (part.cacheControl !== undefined) block.cache_control = part.cacheControl as Schemas['CacheControl'];
  return block;
}

function placeholder(text: string): Schemas['TextBlock'] {
  return { type: 'text', text: `[${text}]` };
}

/** `data:<type>;base64,<data>` → inline bytes, so a data URL reaches Claude as base64. */
function fromDataUrl(url: string): { mediaType: string; data: string } | undefined {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  return match?.[1] !== undefined && match[2] !== undefined ? { mediaType: match[1], data: match[2] } : undefined;
}

function decodeBase64Text(data: string): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

function encodeImage(source: HubMediaSource, at: string, warnings: Warnings): ClaudeMediaBlock | undefined {
  if (source.kind === 'file-id') {
    warnings.drop(at, `file id ${source.id} belongs to another provider's Files API; dropped`);
    return undefined;
  }
  if (source.kind === 'url' && !source.url.startsWith('data:')) return { type: 'image', source: { type: 'url', url: source.url } };
  const inline = source.kind === 'base64' ? source : fromDataUrl(source.url);
  if (!inline) {
    warnings.drop(at, 'a data URL that is not base64 has no Claude twin; dropped');
    return undefined;
  }
  if (!isClaudeImageType(inline.mediaType)) {
    warnings.drop(at, `Claude accepts only JPEG, PNG, GIF and WebP images, not ${inline.mediaType}; sent a placeholder text`);
    return placeholder(`image (${inline.mediaType}) omitted: unsupported by this model`);
  }
  return { type: 'image', source: { type: 'base64', media_type: inline.mediaType, data: inline.data } };
}

function encodeDocument(source: HubMediaSource, title: string | undefined, at: string, warnings: Warnings): ClaudeMediaBlock | undefined {
  const withTitle = (block: Schemas['DocumentBlock']): Schemas['DocumentBlock'] => (title ? { ...block, title } : block);
  if (source.kind === 'file-id') {
    warnings.drop(at, `file id ${source.id} belongs to another provider's Files API; dropped`);
    return undefined;
  }
  if (source.kind === 'url' && !source.url.startsWith('data:')) return withTitle({ type: 'document', source: { type: 'url', url: source.url } });
  const inline = source.kind === 'base64' ? source : fromDataUrl(source.url);
  const mediaType = inline?.mediaType ?? 'unknown';
  if (inline && mediaType === 'application/pdf') {
    return withTitle({ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: inline.data } });
  }
  const text = inline && mediaType.startsWith('text/') ? decodeBase64Text(inline.data) : undefined;
  if (text !== undefined) return withTitle({ type: 'document', source: { type: 'text', media_type: 'text/plain', data: text } });
  warnings.drop(at, `Claude documents are PDF or plain text, not ${mediaType}; sent a placeholder text`);
  return placeholder(`${title ? `file "${title}"` : 'file'} (${mediaType}) omitted: unsupported by this model`);
}

/** One hub part → a Claude block; undefined when it has no twin (a warning says so) or is empty text. */
export function encodePart(part: HubPart, at: string, warnings: Warnings): ClaudeMediaBlock | undefined {
  switch (part.type) {
    case 'text':
      return encodeText(part);
    case 'image':
      // `auto` is no preference, so only an explicit low/high is a loss.
      if (part.detail !== undefined && part.detail !== 'auto') warnings.drop(`${at}.detail`, `Claude has no image detail setting; "${part.detail}" dropped`);
      return encodeImage(part.source, at, warnings);
    case 'file':
      return encodeDocument(part.source, part.filename, at, warnings);
    case 'audio':
      warnings.drop(at, `Claude has no audio input; the ${part.format} clip was dropped`);
      return undefined;
  }
}
