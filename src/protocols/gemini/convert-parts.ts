// Media and text parts: Gemini `inlineData` / `fileData` / `text` ⇔ hub parts.
// https://ai.google.dev/api/caching#Part ; supported inline types:
// https://ai.google.dev/gemini-api/docs/file-input-methods
import type { Schemas } from '../../../generated/gemini/index.ts';
import type { HubMediaSource, HubPart } from '../../hub/hub-content.ts';
import type { Warnings } from '../../hub/warnings.ts';
import { ownEntry } from '../read-json.ts';
import { toStandardBase64 } from './normalize-keys.ts';

type Part = Schemas['Part'];

/** Files API resources: `files/abc` or its full https form. They never cross providers. */
const GEMINI_FILE = /^(?:https:\/\/generativelanguage\.googleapis\.com\/v[^/]+\/)?files\/[^/]+$/;
const FETCHABLE = /^https:\/\/(?:www\.)?(?:youtube\.com|youtu\.be)\//;

const AUDIO_FORMAT_BY_SUBTYPE: Record<string, string> = { mpeg: 'mp3', wave: 'wav' };
const MIME_BY_EXTENSION: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp',
  heic: 'image/heic', heif: 'image/heif', pdf: 'application/pdf', txt: 'text/plain', md: 'text/markdown',
  html: 'text/html', csv: 'text/csv', mp3: 'audio/mp3', wav: 'audio/wav', flac: 'audio/flac', ogg: 'audio/ogg',
  aac: 'audio/aac', mp4: 'video/mp4', mov: 'video/mov', webm: 'video/webm',
};

/** `audio/mpeg` → `mp3`, `audio/x-wav` → `wav`, otherwise the subtype. */
function audioFormat(mimeType: string): string {
  const subtype = mimeType.slice('audio/'.length).replace(/^x-/, '');
  return ownEntry(AUDIO_FORMAT_BY_SUBTYPE, subtype) ?? subtype;
}

export function guessMimeType(url: string): string | undefined {
  const extension = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase();
  return extension ? ownEntry(MIME_BY_EXTENSION, extension) : undefined;
}

/** `inlineData` / `fileData` → an image, audio or file part (undefined for other parts). */
export function decodeMediaPart(part: Part): HubPart | undefined {
  // Also reached for functionResponse.parts, which the schema leaves unchecked.
  if (typeof part.inlineData?.data === 'string') {
    const mediaType = typeof part.inlineData.mimeType === 'string' ? part.inlineData.mimeType : 'application/octet-stream';
    const data = toStandardBase64(part.inlineData.data);
    if (mediaType.startsWith('image/')) return { type: 'image', source: { kind: 'base64', mediaType, data } };
    if (mediaType.startsWith('audio/')) return { type: 'audio', data, format: audioFormat(mediaType) };
    return { type: 'file', source: { kind: 'base64', mediaType, data } };
  }
  const uri = part.fileData?.fileUri;
  if (typeof uri !== 'string') return undefined;
  const mediaType = typeof part.fileData?.mimeType === 'string' ? part.fileData.mimeType : undefined;
  const typed = mediaType ? { mediaType } : {};
  const source: HubMediaSource = GEMINI_FILE.test(uri) ? { kind: 'file-id', id: uri, ...typed } : { kind: 'url', url: uri, ...typed };
  return mediaType?.startsWith('image/') ? { type: 'image', source } : { type: 'file', source };
}

function encodeSource(source: HubMediaSource, warnings: Warnings): Part | undefined {
  switch (source.kind) {
    case 'base64':
      return { inlineData: { mimeType: source.mediaType, data: source.data } };
    case 'url': {
      const dataUrl = /^data:([^;,]+);base64,(.*)$/s.exec(source.url);
      if (dataUrl?.[1] && dataUrl[2] !== undefined) return { inlineData: { mimeType: dataUrl[1], data: dataUrl[2] } };
      if (!GEMINI_FILE.test(source.url) && !FETCHABLE.test(source.url)) {
        warnings.drop('image/file URL', 'sent as Gemini fileData; the Gemini API fetches plain https URLs only for some hosts (Files API and YouTube URIs always work)');
      }
      const mimeType = source.mediaType ?? guessMimeType(source.url);
      return { fileData: { fileUri: source.url, ...(mimeType ? { mimeType } : {}) } };
    }
    case 'file-id': {
      if (GEMINI_FILE.test(source.id)) return { fileData: { fileUri: source.id, ...(source.mediaType ? { mimeType: source.mediaType } : {}) } };
      warnings.drop(`file id ${source.id}`, 'another provider\'s file id means nothing to Gemini; the part was dropped');
      return undefined;
    }
  }
}

/** A hub part → one Gemini part (undefined when it cannot be expressed; a warning says so). */
export function encodePart(part: HubPart, warnings: Warnings): Part | undefined {
  switch (part.type) {
    case 'text':
      if (part.cacheControl !== undefined) warnings.drop('cache_control', 'Gemini has no per-part prompt-cache breakpoints (it caches implicitly)');
      return { text: part.text };
    case 'audio':
      return { inlineData: { mimeType: `audio/${part.format}`, data: part.data } };
    case 'image':
      if (part.detail !== undefined) warnings.drop('image detail', 'Gemini sets resolution with mediaResolution, not per image detail');
      return encodeSource(part.source, warnings);
    case 'file':
      if (part.filename !== undefined) warnings.drop('file filename', 'Gemini inline data carries no file name');
      return encodeSource(part.source, warnings);
  }
}
