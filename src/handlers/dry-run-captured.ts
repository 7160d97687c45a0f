// How a dry run stops: sendUpstream, at the one point where the real network call would be
// made, throws this instead — carrying the request exactly as built (URL, headers, body) and
// the warnings the conversion collected so far. Everything before that point (auth, route,
// validation, model resolution, conversion, options, quirks) ran as for a real request.
import type { Warnings } from '../hub/warnings.ts';

export const DRY_RUN_PATH = '/_any-api/dry-run';

export interface CapturedCall {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  /** The body text as it would be sent. */
  body: string;
  /** The key the key pool picked for this try: what redaction must hide wherever it appears. */
  apiKey: string | undefined;
}

export class DryRunCaptured extends Error {
  readonly call: CapturedCall;
  readonly warnings: readonly string[];

  constructor(call: CapturedCall, warnings: Warnings | undefined) {
    super('dry run: upstream request captured, not sent');
    this.call = call;
    this.warnings = warnings?.list ?? [];
  }
}
