// The protocol names (defined beside the hub, which uses them too) and how their errors look.
export { PROTOCOL_IDS, type ProtocolId } from '../hub/protocol-id.ts';
import type { ProtocolId } from '../hub/protocol-id.ts';

/** Error envelopes come in three shapes: both OpenAI protocols share one. */
export type ErrorFamily = 'openai' | 'claude' | 'gemini';

export const ERROR_FAMILY: Record<ProtocolId, ErrorFamily> = {
  'openai-chat-completions': 'openai',
  'openai-responses': 'openai',
  claude: 'claude',
  gemini: 'gemini',
};
