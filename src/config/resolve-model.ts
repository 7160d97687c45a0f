// `provider.model` → the provider and model config. The split is on the FIRST "." only, so
// `openai.gpt-5.2` is provider `openai`, model `gpt-5.2`.
// Both halves come from the client, and the config tables are plain objects: only own entries
// count, or `constructor.x` / `chat.toString` would find Object.prototype members.
import { GatewayError } from '../errors/gateway-error.ts';
import type { AnyApiConfig, ModelConfig, ProviderConfig, ProviderOptions } from './config-types.ts';

export interface ResolvedModel {
  /** The name the client used, `provider.model`. */
  id: string;
  providerId: string;
  modelName: string;
  provider: ProviderConfig;
  model: ModelConfig;
  /** Provider options overlaid with the model's own, key by key. */
  options: ProviderOptions;
}

export function splitModelId(id: string): { providerId: string; modelName: string } | undefined {
  const dot = id.indexOf('.');
  if (dot <= 0 || dot === id.length - 1) return undefined;
  return { providerId: id.slice(0, dot), modelName: id.slice(dot + 1) };
}

function available(config: AnyApiConfig): string {
  const ids = Object.entries(config.providers).flatMap(([p, provider]) => Object.keys(provider.models).map((m) => `${p}.${m}`));
  return ids.length > 0 ? ` Available: ${ids.slice(0, 20).join(', ')}${ids.length > 20 ? ', …' : ''}.` : '';
}

/**
 * The model exactly as the client sent it, as a JSON string: what a client searches its own
 * request for, with a stray space, quote or control character made visible.
 */
const quoted = (text: string) => JSON.stringify(text);

export function resolveModel(config: AnyApiConfig, id: unknown, param = 'model'): ResolvedModel {
  if (typeof id !== 'string' || id === '') {
    throw new GatewayError(400, `A model is required, written as "<provider>.<model>".${available(config)}`, { param });
  }
  const split = splitModelId(id);
  if (!split) {
    throw new GatewayError(400, `Model ${quoted(id)} is not of the form "<provider>.<model>" (the provider id comes before the first ".").${available(config)}`, { param, code: 'model_not_found' });
  }
  const provider = Object.hasOwn(config.providers, split.providerId) ? config.providers[split.providerId] : undefined;
  if (!provider) {
    throw new GatewayError(404, `Unknown model ${quoted(id)}: there is no provider ${quoted(split.providerId)}; models are named "<provider>.<model>".${available(config)}`, { param, code: 'model_not_found' });
  }
  const model = Object.hasOwn(provider.models, split.modelName) ? provider.models[split.modelName] : undefined;
  if (!model) {
    throw new GatewayError(404, `Unknown model ${quoted(id)}: provider ${quoted(split.providerId)} has no model ${quoted(split.modelName)}; models are named "<provider>.<model>".${available(config)}`, { param, code: 'model_not_found' });
  }
  return { id, ...split, provider, model, options: { ...provider.options, ...model.options } };
}
