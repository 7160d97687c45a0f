// Config types come from schemas/config.schema.json through codegen.
import type { Schemas } from '../../generated/config/index.ts';

export type AnyApiConfig = Schemas['AnyApiConfig'];
export type ProviderConfig = Schemas['Provider'];
export type ModelConfig = Schemas['Model'];
export type ProviderOptions = Schemas['Options'];
export type ProviderType = ProviderConfig['type'];
