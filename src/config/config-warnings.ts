// Start-up warnings for a config that loads but will not do what it says: a fallback or alias
// naming a model that is not configured (requests skip it, silently), an alias whose name is
// itself a configured `provider.model` (configured models are found first), and a `*` alias
// written after a broader one that already matches every name it would. Warnings, not errors:
// a chain with one bad link still serves from the others.
import { isPrefixAlias, targetList } from './alias-targets.ts';
import type { AnyApiConfig } from './config-types.ts';
import { configuredModel } from './resolve-model.ts';

const isConfigured = (config: AnyApiConfig, id: string): boolean => configuredModel(config, id) !== undefined;

/** One line per problem, without the `any-api:` prefix (whoever prints them adds it). */
export function configWarnings(config: AnyApiConfig): string[] {
  const warnings: string[] = [];
  for (const [providerId, provider] of Object.entries(config.providers)) {
    for (const [modelName, model] of Object.entries(provider.models)) {
      for (const fallback of model.fallback ?? []) {
        if (!isConfigured(config, fallback)) warnings.push(`model "${providerId}.${modelName}" falls back to "${fallback}", which is not a configured model; it will be skipped.`);
      }
    }
  }
  const prefixes: string[] = [];
  for (const [name, target] of Object.entries(config.aliases ?? {})) {
    if (isConfigured(config, name)) warnings.push(`alias "${name}" is also a configured model, which is always found first; the alias is never used.`);
    if (isPrefixAlias(name)) {
      const broader = prefixes.find((earlier) => name.startsWith(earlier.slice(0, -1)));
      if (broader) warnings.push(`alias "${name}" comes after "${broader}", which matches every name it does; the alias is never used.`);
      prefixes.push(name);
    }
    for (const id of targetList(target)) {
      if (!isConfigured(config, id)) warnings.push(`alias "${name}" points to "${id}", which is not a configured model; it will be skipped.`);
    }
  }
  return warnings;
}
