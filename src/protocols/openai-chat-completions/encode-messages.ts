// Hub system prompt + items → Chat `messages[]`. The system prompt leads as one `system`
// message; instructions stay in place with their role. An assistant message and the tool calls
// that follow it share one Chat assistant message. Chat tool messages are text-only, so media
// in tool results move to one user message after the run of tool messages.
// https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages
import type { HubPart, HubText } from '../../hub/hub-content.ts';
import type { HubRequest, HubToolResult } from '../../hub/hub-request.ts';
import { orderToolResults } from '../../hub/order-tool-results.ts';
import type { Drop, Warnings } from '../../hub/warnings.ts';
import type { Schemas } from '../../../generated/openai-chat-completions/index.ts';
import { encodeTextContent, encodeUserPart } from './convert-parts.ts';
import { encodeToolCall } from './convert-tools.ts';

type ChatMessage = Schemas['ChatMessage'];
type ChatAssistantMessage = Schemas['ChatAssistantMessage'];

function userMessage(parts: readonly HubPart[], drop: Drop): ChatMessage {
  const [only] = parts;
  if (parts.length === 1 && only?.type === 'text') return { role: 'user', content: encodeTextContent([only], drop) };
  return { role: 'user', content: parts.flatMap((part) => encodeUserPart(part, drop)) };
}

function assistantMessage(parts: readonly HubPart[], drop: Drop): ChatAssistantMessage {
  const texts = parts.filter((part): part is HubText => part.type === 'text');
  if (texts.length < parts.length) drop('assistant message media', 'Chat assistant messages hold text only; media parts were not sent');
  // "" rather than null: a tool call may or may not follow, and OpenAI takes "" either way.
  return { role: 'assistant', content: texts.length > 0 ? encodeTextContent(texts, drop) : '' };
}

/** The tool message's text; each media part leaves a placeholder pointing at the user message that carries it. */
function toolMessage(result: HubToolResult, media: HubPart[], drop: Drop): ChatMessage {
  if (result.isError) drop('tool-result.isError', 'Chat tool messages have no error flag; the content was sent as is');
  const text = result.content
    .map((part) => {
      if (part.type === 'text') return part.text;
      media.push(part);
      return `[${part.type} attached in the next user message]`;
    })
    .join('\n');
  if (result.content.some((part) => part.type !== 'text')) {
    drop('tool-result media', 'Chat tool messages are text-only; images and files were sent in a user message after the tool results');
  }
  return { role: 'tool', tool_call_id: result.callId, content: text };
}

export function encodeMessages(request: HubRequest, drop: Drop, warnings: Warnings): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (request.system.length > 0) messages.push({ role: 'system', content: encodeTextContent(request.system, drop) });
  let media: HubPart[] = [];
  const flushMedia = () => {
    if (media.length === 0) return;
    messages.push({ role: 'user', content: [{ type: 'text', text: 'Attachments from the tool results above:' }, ...media.flatMap((part) => encodeUserPart(part, drop))] });
    media = [];
  };
  // Chat also requires every tool call to be answered right after its assistant message.
  for (const item of orderToolResults(request.items, warnings)) {
    if (item.type !== 'tool-result') flushMedia();
    switch (item.type) {
      case 'instruction':
        messages.push({ role: item.role, content: encodeTextContent(item.content, drop) });
        break;
      case 'message':
        messages.push(item.role === 'user' ? userMessage(item.content, drop) : assistantMessage(item.content, drop));
        break;
      case 'tool-call': {
        const last = messages.at(-1);
        const owner: ChatAssistantMessage = last?.role === 'assistant' ? last : { role: 'assistant', content: null };
        if (owner !== last) messages.push(owner);
        owner.tool_calls = [...(owner.tool_calls ?? []), encodeToolCall(item, drop)];
        break;
      }
      case 'tool-result':
        messages.push(toolMessage(item, media, drop));
        break;
      case 'reasoning':
        // Chat requests have no reasoning input, whatever its origin (text included).
        drop('reasoning', 'Chat requests take no reasoning history; earlier reasoning was not sent');
        break;
    }
  }
  flushMedia();
  return messages;
}

