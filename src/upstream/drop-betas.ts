// `quirks.dropBetas` for Claude upstreams that do not support an Anthropic beta (a proxy, an
// older deployment): the beta is not forwarded in `anthropic-beta`, and the body fields that
// only mean something under it go too — one decision per beta, on pass-through and conversion
// alike, each reported as a warning. https://docs.anthropic.com/en/api/beta-headers
import type { Warnings } from '../hub/warnings.ts';
import { recordsAt as records } from '../protocols/read-json.ts';

type Body = Record<string, unknown>;

/** What each beta (by name prefix) carries in the body, and how to take it out. */
const BETA_FIELDS: Array<{ prefix: string; strip(body: Body, warnings: Warnings): Body }> = [
  {
    prefix: 'context-management',
    strip(body, warnings) {
      if (body.context_management === undefined) return body;
      const { context_management: _, ...rest } = body;
      warnings.note('context_management removed: this upstream does not support the context-management beta (quirks.dropBetas)');
      return rest;
    },
  },
  {
    // Tool search: the search tool goes, deferred tools are offered up front.
    prefix: 'advanced-tool-use',
    strip(body, warnings) {
      const tools = records(body.tools);
      if (!tools.some((t) => t.defer_loading !== undefined || String(t.type).startsWith('tool_search_tool'))) return body;
      warnings.note('tool search removed (deferred tools sent up front): this upstream does not support the advanced-tool-use beta (quirks.dropBetas)');
      return {
        ...body,
        tools: tools.filter((t) => !String(t.type).startsWith('tool_search_tool')).map(({ defer_loading: _, ...t }) => t),
      };
    },
  },
  {
    prefix: 'mid-conversation-system',
    strip(body, warnings) {
      const messages = records(body.messages);
      if (!messages.some((m) => m.role === 'system')) return body;
      warnings.note('mid-conversation system messages sent as user text: this upstream does not support the mid-conversation-system beta (quirks.dropBetas)');
      return { ...body, messages: messages.map((m) => (m.role === 'system' ? { ...m, role: 'user' } : m)) };
    },
  },
];

const dropped = (beta: string, drop: readonly string[]) => drop.some((prefix) => beta.trim().startsWith(prefix));

/** The `anthropic-beta` header value without the dropped betas (undefined when none is left). */
export function keptBetas(header: string | null, drop: readonly string[]): string | undefined {
  if (!header) return undefined;
  const kept = header.split(',').map((b) => b.trim()).filter((b) => b !== '' && !dropped(b, drop));
  return kept.length > 0 ? kept.join(',') : undefined;
}

/** The body without the fields of dropped betas. */
export function stripDroppedBetas(body: Body, drop: readonly string[], warnings: Warnings): Body {
  let out = body;
  for (const beta of BETA_FIELDS) if (drop.some((prefix) => beta.prefix.startsWith(prefix) || prefix.startsWith(beta.prefix))) out = beta.strip(out, warnings);
  return out;
}
