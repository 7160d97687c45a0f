// Config types come from schemas/config.schema.json through codegen.
import type { Schemas } from '../../generated/config/index.ts';

export type AnyApiConfig = Schemas['AnyApiConfig'];
export type ProviderConfig = Schemas['Provider'];
export type ModelConfig = Schemas['Model'];
export type ProviderOptions = Schemas['Options'];
export type ProviderType = ProviderConfig['type'];
export type RetryOptions = Schemas['Retry'];
export type KeyStrategy = NonNullable<ProviderOptions['keyStrategy']>;
/** Client model name (exact, or a prefix ending in `*`) → `provider.model` or a chain of them. */
export type Aliases = NonNullable<AnyApiConfig['aliases']>;
export type AliasTarget = Schemas['AliasTarget'];
