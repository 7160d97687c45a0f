// Hostile input, property-based (fast-check): bad client input always gets a 4xx in the inbound
// protocol's own envelope — never a 5xx — and never reaches the upstream. Mutations start from
// the recorded client requests (test/fixtures/<protocol>/client-*.request.json) on every POST
// route and every upstream type; test/fixtures/hostile/ holds the tables that say how to break
// them. Two properties check the other side: NUL characters and Object.prototype names as keys
// are valid input, answered 2xx with the upstream receiving them intact.
// Any counterexample fast-check finds is a gateway bug to fix in src/, never one to filter here.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { MAX_JSON_DEPTH } from '../../src/http/check-json-body.ts';
import type { Operation } from '../../src/protocols/protocol.ts';
import type { ProtocolId } from '../../src/protocols/protocol-id.ts';
import {
  at, defineKey, getAt, hostileData, keyPaths, loneSurrogate, objectPaths, paramOf, pathOf, positions, renameKey, setAt,
  reachesUpstream, stringPaths, textPaths, validCase, wrongTyped, type Case, type JsonType, type Segment,
} from '../helpers/hostile-arbitraries.ts';
import { expectRefused, messageOf, POST_ROUTES, PROVIDERS, send, type Json } from '../helpers/hostile-gateway.ts';

/** Runs per property: the hostile ones add up to well over 1,000 bodies per run. */
const RUNS = { proto: 200, surrogate: 200, typed: 250, bodies: 150, geminiPaths: 150, models: 150, deep: 50, nul: 100, prototypeNames: 100, specialTokens: 50, oddText: 300 };

interface TypedField { path: Segment[]; type: JsonType[]; required?: boolean }
const TYPED_FIELDS = hostileData<Record<ProtocolId, Partial<Record<Operation, TypedField[]>>>>('typed-fields.json');
const MODEL_NAMES = hostileData<string[]>('model-names.json');
const PROTOTYPE_KEYS = hostileData<string[]>('object-prototype-keys.json');

const GEMINI_METHODS = ['generateContent', 'streamGenerateContent', 'countTokens'];
const VALID_MODELS = new Set(PROVIDERS.flatMap((p) => [`${p}.test-model`, `${p}.gpt-5.2`]));
const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype);

let consoleError: MockInstance<typeof console.error>;
beforeEach(() => {
  // Conversions report dropped fields on console.warn: expected, and not worth the noise here.
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  // console.error is where the gateway reports its own failures (an unexpected error, a decoder
  // that threw): a hostile body may be refused, but it must not trip the gateway on the way.
  expect(consoleError.mock.calls.map((args) => args.map(String).join(' '))).toEqual([]);
  vi.restoreAllMocks();
});

/** HOSTILE_RUNS_SCALE=20 searches twenty times longer (locally; CI keeps the fixed counts). */
const SCALE = Number(process.env.HOSTILE_RUNS_SCALE) || 1;
const run = <Ts extends unknown[]>(property: fc.IAsyncPropertyWithHooks<Ts>, numRuns: number) => fc.assert(property, { numRuns: numRuns * SCALE });

describe('hostile bodies → 4xx in the inbound envelope, nothing upstream', () => {
  it('a "__proto__" key at any depth (also written with \\u escapes) → 400 naming its path', async () => {
    await run(fc.asyncProperty(validCase(), fc.nat(), fc.jsonValue({ maxDepth: 2 }), fc.boolean(), async (c: Case, n: number, value, escaped: boolean) => {
      const body = structuredClone(c.body);
      const path = at(objectPaths(body), n);
      defineKey(getAt(body, path) as { [key: string]: Json }, '__proto__', value as Json);
      const text = JSON.stringify(body);
      const answer = await send(pathOf(c), escaped ? text.replace('"__proto__"', '"\\u005f_proto__"') : text);
      const error = expectRefused(c.route.family, answer, [400]);
      expect(messageOf(error)).toContain('__proto__');
      if (c.route.family === 'openai') expect((error.error as { param: unknown }).param).toBe(paramOf([...path, '__proto__']));
    }), RUNS.proto);
  });

  it('a lone UTF-16 surrogate in any string value or key → 400 naming its path', async () => {
    await run(fc.asyncProperty(validCase(), fc.boolean(), fc.nat(), fc.nat(), loneSurrogate, fc.boolean(), async (c: Case, inKey, n, offset, lone, upper) => {
      const body = structuredClone(c.body);
      const places = inKey ? keyPaths(body) : stringPaths(body);
      const path = at(places.length > 0 ? places : stringPaths(body), n);
      const old = String(inKey ? path.at(-1) : getAt(body, path));
      const cut = offset % (old.length + 1);
      const broken = `${old.slice(0, cut)}${lone}${old.slice(cut)}`;
      if (inKey) renameKey(getAt(body, path.slice(0, -1)) as { [key: string]: Json }, old, broken);
      else setAt(body, path, broken);
      // JSON.stringify writes `\udXXX`; clients may write the hex digits in upper case.
      const text = JSON.stringify(body).replace(/\\u(d[89a-f][0-9a-f]{2})/g, (_m, hex: string) => `\\u${upper ? hex.toUpperCase() : hex}`);
      const error = expectRefused(c.route.family, await send(pathOf(c), text), [400]);
      expect(messageOf(error)).toContain('unpaired UTF-16 surrogate');
      const badPath = inKey ? [...path.slice(0, -1), broken] : path;
      if (c.route.family === 'openai') expect((error.error as { param: unknown }).param).toBe(paramOf(badPath));
    }), RUNS.surrogate);
  });

  it('a wrongly typed (or missing required) field → 400', async () => {
    const fieldsOf = (c: Case) => TYPED_FIELDS[c.route.protocol][c.route.operation] ?? [];
    // A Gemini count may carry its contents inside generateContentRequest; the table's paths are for the bare form.
    const cases = validCase().filter((c) => fieldsOf(c).length > 0 && !(c.route.protocol === 'gemini' && c.route.operation === 'count-tokens' && !('contents' in c.body)));
    const mutation = cases.chain((c) => fc.constantFrom(...fieldsOf(c)).chain((field) => {
      const values: fc.Arbitrary<Json | undefined>[] = [wrongTyped(field.type)];
      if (field.required) values.push(fc.constant(undefined));
      return fc.record({ c: fc.constant(c), field: fc.constant(field), value: fc.oneof(...values) });
    }));
    await run(fc.asyncProperty(mutation, async ({ c, field, value }) => {
      const body = structuredClone(c.body);
      setAt(body, field.path, value);
      expectRefused(c.route.family, await send(pathOf(c), JSON.stringify(body)), [400]);
    }), RUNS.typed);
  });

  it.each(POST_ROUTES.map((r) => [r.name, r] as const))('%s: no body, blank, null, an array, a number, invalid JSON → 400', async (_name, r) => {
    for (const body of [undefined, '', ' \n\t', 'null', '[]', '[{"model":"chat.test-model"}]', '42', '"text"', 'true', '{"model":', 'not json']) {
      expectRefused(r.family, await send(r.path('gemini.test-model'), body), [400]);
    }
  });

  it('no body, an empty or blank one, invalid JSON, or JSON that is not an object → 400 on every POST route', async () => {
    const truncated = validCase().chain((c) => {
      const text = JSON.stringify(c.body);
      return fc.nat({ max: text.length - 1 }).map((n) => text.slice(0, n));
    });
    const notAnObject = (text: string) => {
      try {
        const value: unknown = JSON.parse(text);
        return typeof value !== 'object' || value === null || Array.isArray(value);
      } catch {
        return true;
      }
    };
    const bodies = fc.oneof(
      fc.constantFrom(undefined, '', ' ', '\n\t \r\n', 'null', 'true', '0', '-1.5e3', '"a string"', '[]', '[{}]', '{', '}', '{"model":', "{'a':1}", '\u00ef\u00bb\u00bf{}', '{"a":1,}', 'NaN'),
      fc.array(fc.jsonValue({ maxDepth: 2 })).map((v) => JSON.stringify(v)),
      fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string(), fc.boolean()).map((v) => JSON.stringify(v)),
      fc.string({ unit: 'binary' }).filter(notAnObject),
      truncated,
    );
    await run(fc.asyncProperty(validCase(), bodies, async (c: Case, body) => {
      expectRefused(c.route.family, await send(pathOf(c), body), [400]);
    }), RUNS.bodies);
  });

  it('a body nested deeper than the limit, anywhere → 400', async () => {
    await run(fc.asyncProperty(validCase(), fc.nat(), fc.integer({ min: MAX_JSON_DEPTH + 1, max: 4000 }), fc.boolean(), async (c: Case, n, depth, arrays) => {
      const body = structuredClone(c.body);
      defineKey(getAt(body, at(objectPaths(body), n)) as { [key: string]: Json }, 'x_deep', 'DEEP-PLACEHOLDER');
      const nested = arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      const error = expectRefused(c.route.family, await send(pathOf(c), JSON.stringify(body).replace('"DEEP-PLACEHOLDER"', nested)), [400]);
      expect(messageOf(error)).toContain('nests deeper');
    }), RUNS.deep);
  });
});

const namePart = fc.oneof(fc.constantFrom(...PROTO_NAMES, ...PROVIDERS, 'test-model', 'gpt-5.2', ''), fc.string({ unit: 'grapheme', maxLength: 12 }));
/** Model names that name no configured model: prototype members, stray dots, random text. */
const hostileModel = fc.oneof(
  fc.constantFrom(...MODEL_NAMES),
  fc.tuple(namePart, namePart).map(([a, b]) => `${a}.${b}`),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
).filter((model) => !VALID_MODELS.has(model));

describe('hostile model names and Gemini paths → 400/404, nothing upstream', () => {
  it('a model name that names no configured model, on every route (body or URL path) → 400/404', async () => {
    await run(fc.asyncProperty(validCase(), hostileModel, async (c: Case, model) => {
      const body = structuredClone(c.body);
      if (!c.route.modelInPath) body.model = model;
      expectRefused(c.route.family, await send(pathOf(c, model), JSON.stringify(body)), [400, 404]);
    }), RUNS.models);
  });

  it('malformed Gemini paths: bad % escapes, unknown methods, prototype-member names → 400/404', async () => {
    const BAD_ESCAPES = ['%', '%A', '%G1', '%zz', '%E0%A4%A', '%FF', '%C0%80', '%ED%A0%80', '%80', '%E0%A4', '%F4%90%80%80', '%%', '%u00e9', '%0'];
    const text = fc.string({ unit: 'grapheme', maxLength: 10 }).map(encodeURIComponent);
    const badEscape = fc.record({ prefix: text, bad: fc.constantFrom(...BAD_ESCAPES), suffix: text, method: fc.constantFrom(...GEMINI_METHODS, 'x', '') })
      // `_` after the bad escape: a suffix starting with a hex digit could complete it (`%E0%A4%A` + `0`).
      .map(({ prefix, bad, suffix, method }) => ({ target: `${prefix}${bad}_${suffix}${method ? `:${method}` : ''}`, statuses: [400] }));
    const unknownMethod = fc.oneof(fc.constantFrom(...PROTO_NAMES, 'GenerateContent', 'generatecontent', 'embedContent', 'generateContent ', ''), fc.string({ unit: 'grapheme', maxLength: 20 }))
      .filter((method) => !GEMINI_METHODS.includes(method))
      .map((method) => ({ target: `gemini.test-model:${encodeURIComponent(method)}`, statuses: [404] }));
    // POST only: a GET of `models/<model>` is the Gemini model lookup, which this one answers.
    const noMethod = fc.constantFrom(...PROVIDERS).map((p) => ({ target: `${p}.test-model`, statuses: [404], postOnly: true }));
    const badModel = fc.record({ model: hostileModel, method: fc.constantFrom(...GEMINI_METHODS) })
      .map(({ model, method }) => ({ target: `${encodeURIComponent(model)}:${method}`, statuses: [400, 404] }));
    const seeds = validCase(POST_ROUTES.filter((r) => r.protocol === 'gemini' && r.operation === 'generate'));
    const targets = fc.oneof(badEscape, unknownMethod, noMethod, badModel) as fc.Arbitrary<{ target: string; statuses: number[]; postOnly?: boolean }>;
    await run(fc.asyncProperty(seeds, targets, fc.constantFrom('v1beta', 'v1'), fc.boolean(), async (c: Case, { target, statuses, postOnly }, version, getAsked) => {
      const path = `/gemini/${version}/models/${target}`;
      const get = getAsked && !postOnly;
      // GET names a model only: a method suffix makes it an unknown model there.
      const answer = get ? await send(path, undefined, 'GET') : await send(path, JSON.stringify(c.body));
      expectRefused('gemini', answer, get ? [400, 404] : statuses);
    }), RUNS.geminiPaths);
  });
});

describe('valid input that looks odd is served, and reaches the upstream intact', () => {
  it('odd text in any string value or key (NUL, prototype names, quotes, long text) → never a 5xx', async () => {
    const odd = fc.constantFrom('\u0000', '', ' ', 'constructor', 'prototype', 'toString', '__proto__x', '\uffff', '\ud83d\ude00', '%E0%A4%A', '\\', '"', '\n', '<|endoftext|>', 'x'.repeat(5000));
    await run(fc.asyncProperty(validCase(), fc.boolean(), fc.nat(), fc.nat(), odd, fc.boolean(), async (c: Case, inKey, n, offset, insert, replace) => {
      const body = structuredClone(c.body);
      const path = at(inKey ? keyPaths(body) : stringPaths(body), n);
      const old = String(inKey ? path.at(-1) : getAt(body, path));
      const cut = offset % (old.length + 1);
      const now = replace ? insert : `${old.slice(0, cut)}${insert}${old.slice(cut)}`;
      if (inKey) renameKey(getAt(body, path.slice(0, -1)) as { [key: string]: Json }, old, now);
      else setAt(body, path, now);
      const answer = await send(pathOf(c), JSON.stringify(body));
      // A broken enum or id may be refused; what matters is that it is refused properly.
      if (answer.status >= 400) expectRefused(c.route.family, answer, [400, 404]);
      else expect(answer.status).toBe(200);
    }), RUNS.oddText);
  });

  it('NUL characters in prompt text → 2xx, and the upstream gets them unchanged', async () => {
    const cases = validCase().filter((c) => textPaths(c.body).length > 0);
    await run(fc.asyncProperty(cases, fc.nat(), fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), async (c: Case, n, offsets) => {
      const body = structuredClone(c.body);
      const path = at(textPaths(body), n);
      let text = String(getAt(body, path));
      for (const offset of offsets) {
        const cut = offset % (text.length + 1);
        text = `${text.slice(0, cut)}\u0000${text.slice(cut)}`;
      }
      setAt(body, path, text);
      const answer = await send(pathOf(c), JSON.stringify(body));
      expect(answer.status, answer.text.slice(0, 300)).toBe(200);
      if (!reachesUpstream(c)) return; // counted locally, with the tokenizer
      const received = answer.calls.flatMap((call) => positions(JSON.parse(call.text) as Json)).map((p) => p.value);
      expect(received.some((value) => typeof value === 'string' && value.includes(text)), `"${JSON.stringify(text)}" not sent upstream`).toBe(true);
    }), RUNS.nul);
  });

  it('Object.prototype names (constructor, prototype, toString, …) as keys anywhere → 2xx, sent upstream', async () => {
    const value = fc.jsonValue({ maxDepth: 1 }).filter((v) => !JSON.stringify(v).includes('__proto__'));
    await run(fc.asyncProperty(validCase(), fc.nat(), fc.constantFrom(...PROTOTYPE_KEYS), value, async (c: Case, n, key, v) => {
      const body = structuredClone(c.body);
      defineKey(getAt(body, at(objectPaths(body), n)) as { [key: string]: Json }, key, v as Json);
      const answer = await send(pathOf(c), JSON.stringify(body));
      expect(answer.status, answer.text.slice(0, 300)).toBe(200);
      expect(answer.calls.length > 0).toBe(reachesUpstream(c));
    }), RUNS.prototypeNames);
  });

  it('prompt text that spells a tokenizer special token (<|endoftext|>) is counted as text → 2xx', async () => {
    const counts = validCase(POST_ROUTES.filter((r) => r.operation === 'count-tokens')).filter((c) => textPaths(c.body).length > 0);
    const special = fc.constantFrom('<|endoftext|>', '<|endofprompt|>', '<|im_start|>', '<|fim_prefix|>', '<|im_end|>user');
    await run(fc.asyncProperty(counts, fc.nat(), special, async (c: Case, n, token) => {
      const body = structuredClone(c.body);
      const path = at(textPaths(body), n);
      setAt(body, path, `${String(getAt(body, path))} ${token}`);
      const answer = await send(pathOf(c), JSON.stringify(body));
      expect(answer.status, answer.text.slice(0, 300)).toBe(200);
    }), RUNS.specialTokens);
  });
});
