// ANY_API_CONFIG: JSON or JSONC, validated once; every problem names its JSON path and its
// line/column; unknown keys are errors; model ids split on the first ".".
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.ts';
import { parseConfig } from '../../src/config/parse-config.ts';
import { resolveModel, splitModelId } from '../../src/config/resolve-model.ts';

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
  it('.dev.vars.example carries a valid ANY_API_CONFIG', async () => {
    const { readFileSync } = await import('node:fs');
    const line = readFileSync(new URL('../../.dev.vars.example', import.meta.url), 'utf8').split('\n').find((l) => l.startsWith('ANY_API_CONFIG='));
    expect(line).toBeDefined();
    const config = parseConfig(line!.slice('ANY_API_CONFIG='.length));
    expect(Object.keys(config.providers)).toContain('mock');
  });
});
