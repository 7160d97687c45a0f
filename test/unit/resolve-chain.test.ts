// Which models serve a client's model name, in the order they are tried: a configured
// `provider.model` and its fallbacks; else an alias (exact names before `*` prefixes, prefixes
// in the order written) and each target's fallbacks; one level deep, each model once, links to
// unknown models skipped. Names from the client never reach Object.prototype.
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors/gateway-error.ts';
import { resolveChain, resolveModel } from '../../src/config/resolve-model.ts';
import { routingConfig } from '../helpers/routing-config.ts';

const config = routingConfig();
const chainOf = (name: string) => resolveChain(config, name).map((r) => r.id);

function refusal(run: () => unknown): GatewayError {
  try {
    run();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('the name resolved');
}

describe('a configured provider.model', () => {
  it('without fallbacks is a chain of one, requested under its own name', () => {
    expect(resolveChain(config, 'gemini.pro')).toEqual([expect.objectContaining({ id: 'gemini.pro', requested: 'gemini.pro', providerId: 'gemini', modelName: 'pro' })]);
  });

  it('is followed by its fallbacks in order: itself and unknown models skipped, fallbacks of fallbacks not followed', () => {
    expect(chainOf('openai.gpt-5')).toEqual(['openai.gpt-5', 'claude.sonnet', 'openai.gpt-5-mini']);
  });

  it('carries each model\'s own options over its provider\'s, key by key (a model\'s retry replaces its provider\'s)', () => {
    const [gpt, sonnet] = resolveChain(config, 'openai.gpt-5');
    expect(gpt?.options).toEqual({ keyStrategy: 'fill-first', retry: { attempts: 3 } });
    expect(sonnet?.options).toEqual({ retry: { attempts: 1 } });
    expect(sonnet?.requested).toBe('openai.gpt-5');
  });

  it('wins over an alias of the same name', () => {
    expect(resolveModel(config, 'openai.gpt-5').id).toBe('openai.gpt-5');
  });
});

describe('aliases', () => {
  it('an exact name beats a prefix written before it', () => {
    expect(chainOf('claude-opus-4-5')).toEqual(['claude.opus']);
    expect(chainOf('gemini-2.5-flash')).toEqual(['gemini.flash']);
  });

  it('prefixes match in the order written', () => {
    expect(chainOf('claude-haiku-4-5-20251001')).toEqual(['claude.haiku']);
    // "claude-3-*" comes after "claude-*", so "claude-*" takes it.
    expect(chainOf('claude-3-5-haiku-latest')[0]).toBe('claude.sonnet');
  });

  it('an array is a chain: each target, then its fallbacks, each model once', () => {
    expect(chainOf('claude-sonnet-4-5')).toEqual(['claude.sonnet', 'openai.gpt-5', 'openai.gpt-5-mini']);
    expect(chainOf('gemini-3-pro-preview')).toEqual(['gemini.pro', 'gemini.flash']);
  });

  it('every model of the chain remembers the name the client sent', () => {
    expect(resolveChain(config, 'claude-sonnet-4-5').map((r) => r.requested)).toEqual(['claude-sonnet-4-5', 'claude-sonnet-4-5', 'claude-sonnet-4-5']);
  });

  it('targets that are not configured models are skipped', () => {
    expect(chainOf('gpt-4o')).toEqual(['openai.gpt-5', 'claude.sonnet', 'openai.gpt-5-mini']);
  });

  it('resolveModel gives the first model of the chain', () => {
    expect(resolveModel(config, 'gpt-4o')).toMatchObject({ id: 'openai.gpt-5', requested: 'gpt-4o', model: { upstreamModel: 'gpt-5' } });
    expect(resolveModel(config, 'claude-opus-4-5')).toMatchObject({ id: 'claude.opus', requested: 'claude-opus-4-5' });
  });

  it('a name with a dot that is no configured model still finds its alias (Gemini CLI\'s gemini-2.5-pro)', () => {
    expect(chainOf('gemini-2.5-pro')).toEqual(['gemini.pro', 'gemini.flash']);
  });
});

describe('names that resolve to nothing', () => {
  it('an alias whose every target is unknown is a 404 naming the alias and its targets', () => {
    const error = refusal(() => resolveChain(config, 'broken'));
    expect(error).toMatchObject({ status: 404, code: 'model_not_found', param: 'model' });
    expect(error.message).toContain('"broken"');
    expect(error.message).toContain('"nowhere.model"');
  });

  it('a name that is not provider.model and matches no alias is a 400 that mentions aliases', () => {
    const error = refusal(() => resolveChain(config, 'llama-3'));
    expect(error).toMatchObject({ status: 400, code: 'model_not_found' });
    expect(error.message).toMatch(/not of the form "<provider>\.<model>".*alias/);
    expect(error.message).toContain('claude-*');
  });

  it('unknown provider.model names keep their 404s', () => {
    expect(refusal(() => resolveChain(config, 'openai.gpt-4o')).message).toMatch(/provider "openai" has no model "gpt-4o"/);
    expect(refusal(() => resolveChain(config, 'mistral.large')).message).toMatch(/there is no provider "mistral"/);
  });

  it('no model at all is a 400 under the given parameter name', () => {
    expect(refusal(() => resolveChain(config, '', 'the URL path'))).toMatchObject({ status: 400, param: 'the URL path' });
    expect(refusal(() => resolveModel(config, 42))).toMatchObject({ status: 400, param: 'model' });
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])('%s finds no alias or provider of Object.prototype', (name) => {
    expect(refusal(() => resolveChain(config, name))).toMatchObject({ status: 400 });
    expect(refusal(() => resolveModel(config, name))).toMatchObject({ status: 400 });
    expect(refusal(() => resolveChain(config, `${name}.pro`))).toMatchObject({ status: 404 });
    expect(refusal(() => resolveChain(config, `gemini.${name}`))).toMatchObject({ status: 404 });
  });

  it('a catch-all "*" alias takes any other name, `constructor` and `__proto__` included, to its own target', () => {
    const catchAll = { ...config, aliases: { '*': 'gemini.flash' } };
    expect(resolveChain(catchAll, 'constructor').map((r) => r.id)).toEqual(['gemini.flash']);
    expect(resolveChain(catchAll, '__proto__').map((r) => r.model.upstreamModel)).toEqual(['gemini-2.5-flash-team']);
  });
});
