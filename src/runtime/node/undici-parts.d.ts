// Types for the undici file the Node upstream client loads instead of the package's
// index (see upstream-client.ts for why). It is one of undici's own CommonJS modules, which ship no
// declarations of their own; the shape is that of undici's published types, so a version
// whose files moved or changed fails here and in test/e2e, not in production.

declare module 'undici/lib/dispatcher/agent.js' {
  import type { Agent } from 'undici';
  const AgentClass: typeof Agent;
  export default AgentClass;
}

