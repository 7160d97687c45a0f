// The four wire protocols, named as the config's provider `type`s name them.
export const PROTOCOL_IDS = ['openai-chat-completions', 'openai-responses', 'claude', 'gemini'] as const;

export type ProtocolId = (typeof PROTOCOL_IDS)[number];

/** Error envelopes come in three shapes: both OpenAI protocols share one. */
export type ErrorFamily = 'openai' | 'claude' | 'gemini';

export const ERROR_FAMILY: Record<ProtocolId, ErrorFamily> = {
  'openai-chat-completions': 'openai',
  'openai-responses': 'openai',
  claude: 'claude',
  gemini: 'gemini',
};
