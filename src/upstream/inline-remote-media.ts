// Some targets cannot fetch a URL themselves (Gemini takes only its own file URIs; Chat takes
// file parts only inline). For those, the gateway fetches the media and inlines it as base64,
// behind a guard: https and public hosts only (unless configured), a size cap, a time limit.
// What cannot be fetched becomes a text placeholder with a warning, never a silent drop.
import type { HubPart } from '../hub/hub-content.ts';
import type { HubRequest } from '../hub/hub-request.ts';
import type { Warnings } from '../hub/warnings.ts';
import type { ProtocolId } from '../protocols/protocol-id.ts';
import type { UpstreamClient } from './upstream-client.ts';
import { isPrivateHost } from './is-private-host.ts';

export interface MediaFetchPolicy {
  allowPrivateNetworks?: boolean;
  maxBytes?: number;
  maxTotalBytes?: number;
  timeoutMs?: number;
}

/** What one request may still fetch: bytes left, and the client's abort. */
interface MediaBudget {
  bytesLeft: number;
  signal: AbortSignal;
}

/** Which part types each target needs inlined when they arrive as URLs. */
const NEEDS_INLINE: Record<ProtocolId, ReadonlySet<HubPart['type']>> = {
  gemini: new Set(['image', 'file']),
  'openai-chat-completions': new Set(['file']),
  'openai-responses': new Set(),
  claude: new Set(),
};

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function fetchMedia(url: string, client: UpstreamClient, policy: MediaFetchPolicy, budget: MediaBudget): Promise<{ mediaType: string; data: string }> {
  const parsed = new URL(url);
  const allowPrivate = policy.allowPrivateNetworks === true;
  if (parsed.protocol !== 'https:' && !(allowPrivate && parsed.protocol === 'http:')) throw new Error('only https URLs are fetched');
  if (!allowPrivate && isPrivateHost(parsed.hostname)) throw new Error('private or loopback hosts are not fetched');
  const maxBytes = Math.min(policy.maxBytes ?? 20 * 1024 * 1024, budget.bytesLeft);
  if (maxBytes <= 0) throw new Error("the request's media budget (mediaFetch.maxTotalBytes) is spent");
  // The fetch belongs to the request: the client's abort stops it, and so does its own time limit.
  const controller = new AbortController();
  const abort = () => controller.abort();
  budget.signal.addEventListener('abort', abort);
  const timer = setTimeout(abort, policy.timeoutMs ?? 10_000);
  try {
    const reply = await client({ method: 'GET', url, headers: {}, signal: controller.signal });
    const reader = reply.body;
    let size = 0;
    const chunks: Uint8Array[] = [];
    try {
      // A redirect is not followed: its target was never checked against the guard above.
      if (reply.status < 200 || reply.status > 299) throw new Error(`HTTP ${reply.status}`);
      if (Number(reply.headers.get('content-length')) > maxBytes) throw new Error(`larger than ${maxBytes} bytes`);
      for (let r = await reader.next(); !r.done; r = await reader.next()) {
        size += r.value.byteLength;
        if (size > maxBytes) throw new Error(`larger than ${maxBytes} bytes`);
        chunks.push(r.value);
      }
    } finally {
      reader.cancel();
    }
    budget.bytesLeft -= size;
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    const mediaType = (reply.headers.get('content-type') ?? 'application/octet-stream').split(';')[0]!.trim();
    return { mediaType, data: toBase64(bytes) };
  } finally {
    clearTimeout(timer);
    budget.signal.removeEventListener('abort', abort);
  }
}

/** One URL at a time: a request's media is bounded in bytes and in concurrent fetches. */
async function inlineParts(parts: HubPart[], needs: ReadonlySet<HubPart['type']>, client: UpstreamClient, policy: MediaFetchPolicy, budget: MediaBudget, warnings: Warnings): Promise<HubPart[]> {
  const out: HubPart[] = [];
  for (const part of parts) {
    if ((part.type !== 'image' && part.type !== 'file') || part.source.kind !== 'url' || !needs.has(part.type)) {
      out.push(part);
      continue;
    }
    const url = part.source.url;
    try {
      const { mediaType, data } = await fetchMedia(url, client, policy, budget);
      out.push({ ...part, source: { kind: 'base64', mediaType: part.source.mediaType ?? mediaType, data } });
    } catch (error) {
      if (budget.signal.aborted) throw error;
      const why = error instanceof Error ? error.message : 'fetch failed';
      warnings.note(`${part.type} URL ${url} could not be inlined for this upstream (${why}); sent a text placeholder`);
      out.push({ type: 'text', text: `[${part.type} not available: ${url}]` });
    }
  }
  return out;
}

export async function inlineRemoteMedia(request: HubRequest, target: ProtocolId, client: UpstreamClient, policy: MediaFetchPolicy, signal: AbortSignal, warnings: Warnings): Promise<void> {
  const needs = NEEDS_INLINE[target];
  if (needs.size === 0) return;
  const budget: MediaBudget = { bytesLeft: policy.maxTotalBytes ?? 50 * 1024 * 1024, signal };
  for (const item of request.items) {
    if (item.type === 'message' || item.type === 'tool-result') item.content = await inlineParts(item.content, needs, client, policy, budget, warnings);
  }
}
