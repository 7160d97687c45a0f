// Start-up warnings: each fallback or alias that names no configured model, each alias that a
// configured model or an earlier `*` alias hides — one line each, printed once per config load.
import { describe, expect, it, vi } from 'vitest';
import { configWarnings } from '../../src/config/config-warnings.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { ROUTING_CONFIG_TEXT, routingConfig } from '../helpers/routing-config.ts';

describe('configWarnings', () => {
  it('names every link that leads nowhere and every alias that is never used', () => {
    expect(configWarnings(routingConfig())).toEqual([
      'model "openai.gpt-5" falls back to "nowhere.model", which is not a configured model; it will be skipped.',
      'alias "claude-3-*" comes after "claude-*", which matches every name it does; the alias is never used.',
      'alias "gpt-*" points to "nowhere.model", which is not a configured model; it will be skipped.',
      'alias "broken" points to "nowhere.model", which is not a configured model; it will be skipped.',
      'alias "openai.gpt-5" is also a configured model, which is always found first; the alias is never used.',
    ]);
  });

  it('a config without fallbacks or aliases has none', () => {
    expect(configWarnings({ version: 1, providers: { mock: { type: 'mock', models: { echo: { upstreamModel: 'e', fallback: ['mock.echo'] } } } } })).toEqual([]);
  });

  it('loadConfig hands them to its caller once, prefixed, however often the same config is loaded', () => {
    const warn = vi.fn<(line: string) => void>();
    const text = `${ROUTING_CONFIG_TEXT}\n// loaded by config-warnings.test.ts`;
    loadConfig(text, warn);
    loadConfig(text, warn);
    expect(warn).toHaveBeenCalledTimes(5);
    expect(warn).toHaveBeenCalledWith('any-api: alias "broken" points to "nowhere.model", which is not a configured model; it will be skipped.');
  });
});
