// The Vercel AI SDK (`ai` with @ai-sdk/openai chat and responses, @ai-sdk/anthropic,
// @ai-sdk/google) against the gateway: every inbound protocol × every upstream type — text,
// stream, a two-step tool loop plain and streamed, structured output. Every request the
// upstream receives must pass its protocol's generated validator (checked after all).
import { AI_SDK_DRIVERS } from '../helpers/ai-sdk-clients.ts';
import { useConversionGateway } from '../helpers/conversion-upstream.ts';
import { describeFrameworkMatrix } from '../helpers/framework-matrix.ts';

describeFrameworkMatrix('AI SDK', AI_SDK_DRIVERS, useConversionGateway());
