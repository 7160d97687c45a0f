// Protocol id → count codec, for the protocols that have a counting endpoint.
import { claudeCount } from './claude/count-tokens.ts';
import type { CountCodec } from './count-codec.ts';
import { geminiCount } from './gemini/count-tokens.ts';
import { openaiResponsesCount } from './openai-responses/count-tokens.ts';
import type { ProtocolId } from './protocol-id.ts';

export const COUNT_CODECS: Partial<Record<ProtocolId, CountCodec>> = {
  claude: claudeCount,
  'openai-responses': openaiResponsesCount,
  gemini: geminiCount,
};
