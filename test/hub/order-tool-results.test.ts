// Claude and Gemini need each turn's tool results right after its calls.
import { describe, expect, it } from 'vitest';
import type { HubItem } from '../../src/hub/hub-request.ts';
import { orderToolResults } from '../../src/hub/order-tool-results.ts';
import { Warnings } from '../../src/hub/warnings.ts';

const call = (id: string): HubItem => ({ type: 'tool-call', id, name: 'f', arguments: '{}' });
const result = (id: string): HubItem => ({ type: 'tool-result', callId: id, content: [{ type: 'text', text: `r${id}` }] });
const user = (text: string): HubItem => ({ type: 'message', role: 'user', content: [{ type: 'text', text }] });
const shape = (items: HubItem[]) => items.map((i) => (i.type === 'tool-call' ? `call ${i.id}` : i.type === 'tool-result' ? `result ${i.callId}${i.isError ? '!' : ''}` : i.type));

describe('orderToolResults', () => {
  it('keeps sequential tool turns apart (A, rA, B, rB)', () => {
    expect(shape(orderToolResults([user('x'), call('A'), result('A'), call('B'), result('B')], new Warnings()))).toEqual(['message', 'call A', 'result A', 'call B', 'result B']);
  });
  it('puts reordered parallel results in call order', () => {
    expect(shape(orderToolResults([call('A'), call('B'), result('B'), result('A')], new Warnings()))).toEqual(['call A', 'call B', 'result A', 'result B']);
  });
  it('moves results before user text that came between, and invents a missing one as an error, with a warning', () => {
    const warnings = new Warnings();
    expect(shape(orderToolResults([call('A'), call('B'), user('meanwhile'), result('A')], warnings))).toEqual(['call A', 'call B', 'result A', 'result B!', 'message']);
    expect(warnings.list.join()).toContain('B');
  });
  it('turns a result for an unknown call into user text', () => {
    expect(shape(orderToolResults([user('x'), result('Z')], new Warnings()))).toEqual(['message', 'message']);
  });
});
