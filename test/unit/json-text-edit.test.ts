// Pass-through edits the model into the client's own JSON text instead of re-serialising the
// body: the result must parse to exactly the body with `model` replaced, whatever the text
// looks like (spacing, escapes, nested `model` keys, a `model` inside a string, duplicates).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrayElementTexts, topLevelValueText, withTopLevelString } from '../../src/http/json-text-edit.ts';

const NEW = 'upstream-model-2';

function expected(text: string): unknown {
  return { ...(JSON.parse(text) as object), model: NEW };
}

describe('withTopLevelString', () => {
  it.each([
    ['{"model":"a.b","x":1}'],
    [' {\n "messages" : [ {"model":"inner"} ],\t"model" : "a.b" , "y":{"model":"z"} }'],
    ['{"text":"he said \\"model\\": \\"x\\", {","model":"a.b"}'],
    ['{"path":"C:\\\\","model":"a.b","after":"\\\\\\""}'],
    ['{"mod\\u0065l":"a.b"}'],
  ])('%s', (text) => {
    const edited = withTopLevelString(text, 'model', NEW);
    expect(edited).toBeDefined();
    expect(JSON.parse(edited!)).toEqual(expected(text));
  });

  it('replaces every duplicate (JSON.parse keeps the last, so the routed one is among them)', () => {
    const edited = withTopLevelString('{"model":"cheap.m","model":"other.m"}', 'model', NEW);
    expect(edited).toBe(`{"model":"${NEW}","model":"${NEW}"}`);
  });

  it('leaves everything else byte for byte', () => {
    const text = '{ "z" : 1.50e1,"model":"a.b",  "s":"\\u00e9" }';
    expect(withTopLevelString(text, 'model', NEW)).toBe(`{ "z" : 1.50e1,"model":"${NEW}",  "s":"\\u00e9" }`);
  });

  it('declines when the member is missing or not a string (the caller serialises instead)', () => {
    expect(withTopLevelString('{"messages":[{"model":"x"}]}', 'model', NEW)).toBeUndefined();
    expect(withTopLevelString('{"model":null}', 'model', NEW)).toBeUndefined();
    expect(withTopLevelString('{"model":{"id":"x"}}', 'model', NEW)).toBeUndefined();
  });

  it('any JSON object text, however formatted: parses to the object with model replaced', () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    const body = fc.tuple(fc.dictionary(fc.string(), value, { maxKeys: 6 }), fc.string(), fc.boolean(), fc.integer({ min: 0, max: 2 }))
      .map(([members, model, first, indent]) => {
        const { model: _ignored, ...rest } = members;
        const object = first ? { model, ...rest } : { ...rest, model };
        return JSON.stringify(object, null, indent);
      });
    fc.assert(fc.property(body, (text) => {
      const edited = withTopLevelString(text, 'model', NEW);
      expect(edited).toBeDefined();
      expect(JSON.parse(edited!)).toEqual(expected(text));
    }), { numRuns: 500 });
  });
});

describe('topLevelValueText', () => {
  it('is the text of the last top-level member of that name, as written', () => {
    expect(topLevelValueText('{"input": [ {"input":"x"} ] , "model":"m"}', 'input')).toBe('[ {"input":"x"} ]');
    expect(topLevelValueText('{"a":{"input":1},"input":"first","input":[1, 2]\n}', 'input')).toBe('[1, 2]');
    expect(topLevelValueText('{"\u0069nput":true}', 'input')).toBe('true');
    expect(topLevelValueText('{"model":"input","x":["input"]}', 'input')).toBeUndefined();
  });

  it('any JSON object text, however formatted: the slice parses to the value JSON.parse gives the member', () => {
    const body = fc.tuple(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }), fc.jsonValue({ maxDepth: 3 }), fc.integer({ min: 0, max: 2 }))
      .map(([members, input, indent]) => JSON.stringify({ ...members, input }, null, indent));
    fc.assert(fc.property(body, (text) => {
      const slice = topLevelValueText(text, 'input');
      expect(slice).toBeDefined();
      expect(JSON.parse(slice!)).toEqual((JSON.parse(text) as { input: unknown }).input);
    }), { numRuns: 500 });
  });
});

describe('arrayElementTexts', () => {
  it('is each element as written, commas and brackets inside strings and nested values included', () => {
    expect(arrayElementTexts(' [ {"a":"],["} , [1,[2]] ,"x,y", 3 ] ')).toEqual(['{"a":"],["}', '[1,[2]]', '"x,y"', '3']);
    expect(arrayElementTexts('[]')).toEqual([]);
    expect(arrayElementTexts('{"a":[1]}')).toBeUndefined();
  });

  it('any JSON array text, however formatted: each slice parses to its element', () => {
    const array = fc.tuple(fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 6 }), fc.integer({ min: 0, max: 2 }));
    fc.assert(fc.property(array, ([elements, indent]) => {
      const text = JSON.stringify(elements, null, indent);
      expect(arrayElementTexts(text)?.map((element) => JSON.parse(element) as unknown)).toEqual(JSON.parse(text));
    }), { numRuns: 500 });
  });
});
