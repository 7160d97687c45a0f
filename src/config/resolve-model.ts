// The model a client names → the configured model(s) that serve it.
// `provider.model` splits on the FIRST "." only, so `openai.gpt-5.2` is provider `openai`,
// model `gpt-5.2`. A name that is no configured `provider.model` is looked up in `aliases`
// (exact names, then `*` prefixes in the order written), so Claude Code's `claude-…` and
// Gemini CLI's `gemini-…` names work unmodified.
// Names come from the client, and the config tables are plain objects: only own entries
// count, or `constructor.x` / `chat.toString` / `__proto__` would find Object.prototype members.
import { GatewayError } from '../errors/gateway-error.ts';
import { aliasTargets } from './alias-targets.ts';
import type { AnyApiConfig, ModelConfig, ProviderConfig, ProviderOptions } from './config-types.ts';

export interface ResolvedModel {
  /** The model that serves the request, `provider.model`. */
  id: string;
  /** The name the client sent: `id` itself, or an alias that led to it. */
  requested: string;
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
  ids.push(...Object.keys(config.aliases ?? {}).filter((name) => !ids.includes(name)));
  return ids.length > 0 ? ` Available: ${ids.slice(0, 20).join(', ')}${ids.length > 20 ? ', …' : ''}.` : '';
}

/**
 * The model exactly as the client sent it, as a JSON string: what a client searches its own
 * request for, with a stray space, quote or control character made visible.
 */
const quoted = (text: string) => JSON.stringify(text);

/** A configured `provider.model`, or undefined: no error, no alias lookup (the hot path). */
export function configuredModel(config: AnyApiConfig, id: string, requested = id): ResolvedModel | undefined {
  const split = splitModelId(id);
  if (!split) return undefined;
  const provider = Object.hasOwn(config.providers, split.providerId) ? config.providers[split.providerId] : undefined;
  if (!provider) return undefined;
  const model = Object.hasOwn(provider.models, split.modelName) ? provider.models[split.modelName] : undefined;
  if (!model) return undefined;
  return { id, requested, ...split, provider, model, options: { ...provider.options, ...model.options } };
}

function requireName(config: AnyApiConfig, id: unknown, param: string): string {
  if (typeof id !== 'string' || id === '') {
    throw new GatewayError(400, `A model is required, written as "<provider>.<model>".${available(config)}`, { param });
  }
  return id;
}

/** Why `id` names nothing: the errors clients have always had for a name that is no model and no alias. */
function unknownModel(config: AnyApiConfig, id: string, param: string): GatewayError {
  const split = splitModelId(id);
  if (!split) {
    return new GatewayError(400, `Model ${quoted(id)} is not of the form "<provider>.<model>" (the provider id comes before the first ".") and matches no alias.${available(config)}`, { param, code: 'model_not_found' });
  }
  if (!Object.hasOwn(config.providers, split.providerId)) {
    return new GatewayError(404, `Unknown model ${quoted(id)}: there is no provider ${quoted(split.providerId)}; models are named "<provider>.<model>".${available(config)}`, { param, code: 'model_not_found' });
  }
  return new GatewayError(404, `Unknown model ${quoted(id)}: provider ${quoted(split.providerId)} has no model ${quoted(split.modelName)}; models are named "<provider>.<model>".${available(config)}`, { param, code: 'model_not_found' });
}

/**
 * The models to try for a request naming `id`, in order: a configured `provider.model` and
 * its `fallback` list; or, for an alias, each of its targets followed by that target's
 * `fallback` list. One level only (a fallback's own fallbacks are not followed), so a chain
 * is finite whatever the config says; an id listed twice is tried once, at its first place.
 * Entries naming no configured model are skipped (the start-up warnings name them).
 */
export function resolveChain(config: AnyApiConfig, id: unknown, param = 'model'): ResolvedModel[] {
  const name = requireName(config, id, param);
  const exact = configuredModel(config, name, name);
  // The common case, a configured model without fallbacks, builds nothing more.
  if (exact && !exact.model.fallback?.length) return [exact];
  const heads = exact ? [name] : aliasTargets(config.aliases, name);
  if (!heads) throw unknownModel(config, name, param);
  const chain: ResolvedModel[] = [];
  const seen = new Set<string>();
  for (const head of heads) {
    // An unknown head has no fallback list of its own to bring.
    const resolved = exact ?? configuredModel(config, head, name);
    if (!resolved) continue;
    for (const entry of [resolved.id, ...(resolved.model.fallback ?? [])]) {
      if (seen.has(entry)) continue;
      seen.add(entry);
      const found = entry === resolved.id ? resolved : configuredModel(config, entry, name);
      if (found) chain.push(found);
    }
  }
  if (chain.length === 0) {
    throw new GatewayError(404, `Unknown model ${quoted(name)}: it matches an alias for ${heads.map(quoted).join(', ')}, and ${heads.length === 1 ? 'that is not' : 'none of them is'} a configured model.${available(config)}`, { param, code: 'model_not_found' });
  }
  return chain;
}

/** The first model to try for `id` (see resolveChain); a configured `provider.model` is found without looking at aliases. */
export function resolveModel(config: AnyApiConfig, id: unknown, param = 'model'): ResolvedModel {
  const name = requireName(config, id, param);
  const exact = configuredModel(config, name, name);
  if (exact) return exact;
  return resolveChain(config, name, param)[0] as ResolvedModel;
}
