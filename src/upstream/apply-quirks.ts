// `quirks` from the config: things an upstream refuses, worked around on the final upstream
// body, whichever path (pass-through or conversion) produced it. Both quirks concern
// Responses-speaking upstreams (e.g. relays that reject `instructions`).
import type { ProviderConfig } from '../config/config-types.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import type { Warnings } from '../hub/warnings.ts';
import { stripDroppedBetas } from './drop-betas.ts';

export function applyQuirks(provider: ProviderConfig, body: Record<string, unknown>, warnings: Warnings): Record<string, unknown> {
  const quirks = provider.quirks;
  if (quirks?.dropBetas && provider.type === 'claude') return stripDroppedBetas(body, quirks.dropBetas, warnings);
  if (!quirks || provider.type !== 'openai-responses') return body;
  if (quirks.noPreviousResponseId && body.previous_response_id !== undefined && body.previous_response_id !== null) {
    // No guessing of history: the gateway stores no conversations, so it cannot rebuild one.
    throw new GatewayError(400, 'This provider does not accept previous_response_id (quirks.noPreviousResponseId); send the whole conversation in `input` instead.', { param: 'previous_response_id' });
  }
  if (quirks.noInstructions && typeof body.instructions === 'string' && body.instructions !== '') {
    const { instructions, ...rest } = body;
    const input = typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : Array.isArray(body.input) ? body.input : [];
    warnings.note('instructions sent as a leading developer message (quirks.noInstructions)');
    return { ...rest, input: [{ role: 'developer', content: instructions }, ...input] };
  }
  return body;
}
