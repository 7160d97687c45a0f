// The four wire protocols, named as the config's provider `type`s name them. The hub names
// them too (reasoning state remembers which protocol produced it), so the names live here and
// src/protocols/ re-exports them: the hub imports nothing from a protocol.
export const PROTOCOL_IDS = ['openai-chat-completions', 'openai-responses', 'claude', 'gemini'] as const;

export type ProtocolId = (typeof PROTOCOL_IDS)[number];
