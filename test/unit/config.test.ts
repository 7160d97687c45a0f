// ANY_API_CONFIG: JSON or JSONC, validated once; every problem names its JSON path and its
// line/column; unknown keys are errors; model ids split on the first ".".
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.ts';
import { parseConfig } from '../../src/config/parse-config.ts';
import { configWarnings } from '../../src/config/config-warnings.ts';
import { resolveChain, resolveModel, splitModelId } from '../../src/config/resolve-model.ts';
import { routingConfig } from '../helpers/routing-config.ts';

function issuesOf(text: string) {
  try {
    parseConfig(text);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('config was accepted');
}

describe('parseConfig', () => {
  it('accepts JSONC with comments and trailing commas, as in the README', () => {
    const config = parseConfig(`{
      // upstreams
      "version": 1,
      "providers": {
        "rightcode": {
          "type": "openai-responses",
          "baseURL": "https://www.right.codes/codex",
          "apiKey": "REPLACE_ME",
          "quirks": { "noInstructions": true, "noPreviousResponseId": true },
          "models": { "main": { "upstreamModel": "gpt-5.2", "options": { "reasoningEffort": "high", "maxInstructionsChars": 12000 } } },
        },
      },
    }`);
    expect(config.providers.rightcode?.models.main?.upstreamModel).toBe('gpt-5.2');
  });

  it('names path, line and column of a wrong value', () => {
    const issues = issuesOf('{\n  "version": 1,\n  "providers": {\n    "a": { "type": "claud", "baseURL": "https://x", "models": {} }\n  }\n}');
    expect(issues).toEqual([{ path: '/providers/a/type', line: 4, column: 12, message: expect.stringContaining('"claude"') }]);
  });

  it('reports unknown keys instead of ignoring them', () => {
    const issues = issuesOf('{"version": 1, "providers": {"a": {"type": "gemini", "baseURL": "https://x", "modles": {}, "models": {}}}}');
    expect(issues).toEqual([{ path: '/providers/a/modles', line: 1, column: 78, message: expect.stringContaining('unknown key "modles"') }]);
  });

  it('reports a JSON syntax error with its position', () => {
    expect(issuesOf('{\n  "version": 1,\n  "providers": {\n}')).toEqual([{ path: '', line: 4, column: 2, message: expect.stringContaining('JSON syntax error') }]);
  });

  it('refuses provider ids with a dot and providers without a baseURL', () => {
    const issues = issuesOf('{"version": 1, "providers": {"a.b": {"type": "mock", "models": {}}, "c": {"type": "claude", "models": {}}}}');
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ['/providers/a.b', expect.stringContaining('may not contain "."')],
      ['/providers/c', expect.stringContaining('needs a baseURL')],
    ]);
  });

  it('error messages never contain config values such as keys', () => {
    const issues = issuesOf('{"version": 1, "providers": {"a": {"type": "claude", "baseURL": "ftp://x", "apiKey": "sk-secret-value", "models": {}}}}');
    expect(JSON.stringify(issues)).not.toContain('sk-secret-value');
  });
});

describe('routing keys', () => {
  const provider = (body: string) => `{\n  "version": 1,\n  "providers": {\n    "a": { "type": "claude", "baseURL": "https://x", ${body} }\n  }\n}`;

  it('accepts key pools, retry and cooldown options, fallbacks and aliases (the routing fixture)', () => {
    const config = routingConfig();
    expect(config.providers.openai?.apiKey).toEqual(['sk-team-one', 'sk-team-two']);
    expect(config.providers.claude?.apiKeyEnv).toEqual(['ANTHROPIC_KEY_A', 'ANTHROPIC_KEY_B']);
    expect(config.aliases?.['claude-*']).toEqual(['claude.sonnet', 'openai.gpt-5']);
  });

  it('accepts every routing option at provider and model level', () => {
    const options = '"options": { "keyStrategy": "round-robin", "cooldownMs": 0, "authFailureCooldownMs": 600000, "retry": { "attempts": 1, "on": [429], "backoffMs": 0, "maxBackoffMs": 0 } }';
    const config = parseConfig(provider(`"apiKey": "k", ${options}, "models": { "m": { "upstreamModel": "m", ${options}, "fallback": [] } }`));
    expect(config.providers.a?.models.m?.options?.retry).toEqual({ attempts: 1, on: [429], backoffMs: 0, maxBackoffMs: 0 });
  });

  it.each([
    ['an empty key pool', '"apiKey": [], "models": {}', '/providers/a/apiKey', 54, 'non-empty array'],
    ['an empty key in a pool', '"apiKey": ["k", ""], "models": {}', '/providers/a/apiKey/1', 70, 'length'],
    ['a key that is a number', '"apiKey": 5, "models": {}', '/providers/a/apiKey', 54, 'a key (a string)'],
    ['a bad env name in a pool', '"apiKeyEnv": ["OK", "bad-name"], "models": {}', '/providers/a/apiKeyEnv/1', 74, 'match'],
    ['retry attempts 0', '"options": { "retry": { "attempts": 0 } }, "models": {}', '/providers/a/options/retry/attempts', 78, 'greater or equal to 1'],
    ['a fractional attempts', '"options": { "retry": { "attempts": 1.5 } }, "models": {}', '/providers/a/options/retry/attempts', 78, 'integer'],
    ['a status above 599', '"options": { "retry": { "on": [429, 600] } }, "models": {}', '/providers/a/options/retry/on/1', 90, 'less or equal to 599'],
    ['statuses as a string', '"options": { "retry": { "on": "429" } }, "models": {}', '/providers/a/options/retry/on', 78, 'array'],
    ['a negative backoff', '"options": { "retry": { "backoffMs": -1 } }, "models": {}', '/providers/a/options/retry/backoffMs', 78, 'greater or equal to 0'],
    ['an unknown retry key', '"options": { "retry": { "tries": 3 } }, "models": {}', '/providers/a/options/retry/tries', 78, 'unknown key "tries"'],
    ['an unknown key strategy', '"options": { "keyStrategy": "random" }, "models": {}', '/providers/a/options/keyStrategy', 67, '"fill-first"'],
    ['a negative cooldown', '"options": { "cooldownMs": -1 }, "models": {}', '/providers/a/options/cooldownMs', 67, 'greater or equal to 0'],
    ['a fallback that is not provider.model', '"models": { "m": { "upstreamModel": "m", "fallback": ["m"] } }', '/providers/a/models/m/fallback/0', 108, '"<provider>.<model>"'],
  ])('rejects %s, naming path, line and column', (_what, body, path, column, message) => {
    expect(issuesOf(provider(body))).toEqual([{ path, line: 4, column, message: expect.stringContaining(message) }]);
  });

  it('rejects aliases that are not provider.model or a non-empty list of them', () => {
    const issues = issuesOf('{"version": 1, "providers": {},\n "aliases": { "x": "nodot", "y": [], "z": ["a.m", 3] }}');
    expect(issues.map((i) => [i.path, i.line, i.column, i.message])).toEqual([
      ['/aliases/x', 2, 15, expect.stringContaining('"<provider>.<model>", or a non-empty array')],
      ['/aliases/y', 2, 29, expect.stringContaining('non-empty array')],
      ['/aliases/z/1', 2, 51, 'Expected string'],
    ]);
    expect(issuesOf('{"version": 1, "providers": {}, "aliases": { "": "a.m" }}')).toEqual([{ path: '/aliases/', line: 1, column: 46, message: expect.stringContaining('non-empty') }]);
  });
});

describe('model ids', () => {
  it('split on the first dot only', () => {
    expect(splitModelId('openai.gpt-5.2')).toEqual({ providerId: 'openai', modelName: 'gpt-5.2' });
    expect(splitModelId('gpt-5')).toBeUndefined();
    expect(splitModelId('.x')).toBeUndefined();
  });

  it('resolve with model options overriding provider options', () => {
    const config = parseConfig('{"version":1,"providers":{"openai":{"type":"openai-chat-completions","baseURL":"https://x","options":{"timeoutMs":5,"maxTokens":9},"models":{"gpt-5.2":{"upstreamModel":"gpt-5.2-2026","options":{"timeoutMs":7}}}}}}');
    const resolved = resolveModel(config, 'openai.gpt-5.2');
    expect(resolved.model.upstreamModel).toBe('gpt-5.2-2026');
    expect(resolved.options).toEqual({ timeoutMs: 7, maxTokens: 9 });
  });

  it('explain how names are formed when they do not resolve', () => {
    const config = parseConfig('{"version":1,"providers":{"openai":{"type":"openai-chat-completions","baseURL":"https://x","models":{"m":{"upstreamModel":"m"}}}}}');
    expect(() => resolveModel(config, 'gpt-4o')).toThrow(/"<provider>\.<model>".*Available: openai\.m/);
    expect(() => resolveModel(config, 'other.m')).toThrow(/Unknown model "other\.m": there is no provider "other"/);
    expect(() => resolveModel(config, 'openai.x')).toThrow(/Unknown model "openai\.x": provider "openai" has no model "x"/);
  });
});

describe('shipped examples', () => {
  it('every jsonc config in the README is valid and draws no start-up warning', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const blocks = [...readme.matchAll(/```jsonc\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    for (const block of blocks) expect(configWarnings(parseConfig(block))).toEqual([]);
  });

  it('the README team example routes Claude Code\'s and Gemini CLI\'s own model names', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const team = parseConfig([...readme.matchAll(/```jsonc\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.includes('"aliases"'))!);
    const chain = (name: string) => resolveChain(team, name).map((r) => r.id);
    expect(chain('claude-sonnet-4-5-20250929')).toEqual(['anthropic.sonnet', 'openai.gpt-5']);
    expect(chain('claude-haiku-4-5-20251001')).toEqual(['anthropic.haiku']);
    expect(chain('gemini-2.5-pro')).toEqual(['google.pro', 'google.flash']);
    expect(chain('gemini-2.5-flash')).toEqual(['google.flash']);
    expect(chain('openai.gpt-5')).toEqual(['openai.gpt-5', 'anthropic.sonnet']);
    expect(team.providers.openai?.apiKeyEnv).toEqual(['OPENAI_KEY_1', 'OPENAI_KEY_2']);
  });

  it('.dev.vars.example carries a valid ANY_API_CONFIG', async () => {
    const { readFileSync } = await import('node:fs');
    const line = readFileSync(new URL('../../.dev.vars.example', import.meta.url), 'utf8').split('\n').find((l) => l.startsWith('ANY_API_CONFIG='));
    expect(line).toBeDefined();
    const config = parseConfig(line!.slice('ANY_API_CONFIG='.length));
    expect(Object.keys(config.providers)).toContain('mock');
  });
});
