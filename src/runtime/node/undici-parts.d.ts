// Types for the two undici files the Node upstream client loads instead of the package's
// index (see upstream-client.ts for why). They are undici's own CommonJS modules, which ship no
// declarations of their own; the shapes are those of undici's published types, so a version
// whose files moved or changed fails here and in test/e2e, not in production.

declare module 'undici/lib/dispatcher/agent.js' {
  import type { Agent } from 'undici';
  const AgentClass: typeof Agent;
  export default AgentClass;
}

declare module 'undici/lib/api/api-request.js' {
  import type { Dispatcher } from 'undici';
  /** Dispatcher.prototype.request as the index installs it: called with the dispatcher as `this`. */
  function request(this: Dispatcher, options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData>;
  export default request;
}
