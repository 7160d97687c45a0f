// The one error type handlers throw. Its HTTP status decides the envelope's error type in
// every protocol (see status-tables.ts); renderError() turns it into the inbound protocol's shape.
export interface GatewayErrorOptions {
  /** OpenAI-style `param`: which request field is at fault, e.g. `messages[0].content`. */
  param?: string;
  /** OpenAI-style machine code, e.g. `model_not_found`; defaults by status. */
  code?: string;
  /** Response headers worth keeping, e.g. `retry-after` on 429. */
  headers?: Record<string, string>;
}

export class GatewayError extends Error {
  readonly status: number;
  readonly param: string | undefined;
  readonly code: string | undefined;
  readonly headers: Record<string, string>;

  constructor(status: number, message: string, options: GatewayErrorOptions = {}) {
    super(message);
    this.name = 'GatewayError';
    this.status = status;
    this.param = options.param;
    this.code = options.code;
    this.headers = options.headers ?? {};
  }
}
