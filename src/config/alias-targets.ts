// Which alias a client's model name hits: an exact key first, then keys ending in `*` as
// prefixes, in the order the config writes them (a JSON object keeps that order for keys
// that are not array indices, and a key ending in `*` never is one).
import type { Aliases, AliasTarget } from './config-types.ts';

/** `*` alone is a catch-all: its prefix is empty. */
export const isPrefixAlias = (key: string): boolean => key.endsWith('*');

export const targetList = (target: AliasTarget): string[] => (typeof target === 'string' ? [target] : target);

/** The `provider.model` ids the alias matching `name` stands for, in order; undefined when none matches. */
export function aliasTargets(aliases: Aliases | undefined, name: string): string[] | undefined {
  if (!aliases) return undefined;
  // Own keys only: a client sending `constructor` or `__proto__` must not reach Object.prototype.
  const exact = Object.hasOwn(aliases, name) ? aliases[name] : undefined;
  if (exact !== undefined) return targetList(exact);
  for (const [key, target] of Object.entries(aliases)) {
    if (isPrefixAlias(key) && name.startsWith(key.slice(0, -1))) return targetList(target);
  }
  return undefined;
}
