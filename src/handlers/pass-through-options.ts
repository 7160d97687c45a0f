// Provider/model options on a same-protocol body, through the protocol's own adjusters, so the
// body keeps every field the gateway does not model (conversions use hub/apply-options.ts).
import type { ProviderOptions } from '../config/config-types.ts';
import { truncateTexts } from '../hub/truncate-texts.ts';
import type { Warnings } from '../hub/warnings.ts';
import type { Protocol } from '../protocols/protocol.ts';

export function applyPassThroughOptions(protocol: Protocol, body: Record<string, unknown>, options: ProviderOptions, warnings: Warnings): Record<string, unknown> {
  let out = body;
  if (options.reasoningEffort) out = protocol.passThrough.withDefaultEffort(out, options.reasoningEffort) ?? out;
  if (options.maxInstructionsChars !== undefined) {
    const instructions = protocol.passThrough.instructions(out);
    const { texts, cutFrom } = truncateTexts(instructions.texts, options.maxInstructionsChars);
    if (cutFrom !== undefined) {
      out = instructions.write(texts);
      warnings.note(`instructions truncated from ${cutFrom} to ${options.maxInstructionsChars} characters (options.maxInstructionsChars)`);
    }
  }
  return out;
}
