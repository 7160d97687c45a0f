// No ANY_API_CONFIG where the runtime has no embedded default to fall back on (a Worker): the
// gateway has no providers, and every answer says which setting is missing rather than
// pretending to serve (the built-in mocks are for trying the gateway out on Node, not for a
// deployment whose config binding was forgotten).
export class MissingConfigError extends Error {
  constructor() {
    super('ANY_API_CONFIG is not set, so this gateway has no providers to serve. Set it (a Worker variable or secret holding the config JSON, see wrangler.toml.example); only the Node server falls back to the built-in mock config.');
    this.name = 'MissingConfigError';
  }
}
