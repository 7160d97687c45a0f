// A pure stream step function: no I/O, testable over arrays. One generic adapter
// (test/helpers/web-streams.ts) turns any reducer into a TransformStream for tests; production
// composes reducers in one stage (chainReducers, sse-stream.ts).
export interface Reducer<In, Out, State> {
  init(): State;
  step(state: State, input: In): Out[];
  /** Called once when the input ends normally; closes what is still open. */
  finish(state: State): Out[];
}

/** Runs a reducer over an array: what a test wants. */
export function runReducer<In, Out, State>(reducer: Reducer<In, Out, State>, inputs: Iterable<In>): Out[] {
  const state = reducer.init();
  const out: Out[] = [];
  for (const input of inputs) out.push(...reducer.step(state, input));
  out.push(...reducer.finish(state));
  return out;
}

/** Two reducers as one: every output of the first is a step of the second, finishes in order. */
export function chainReducers<A, B, C>(first: Reducer<A, B, unknown>, second: Reducer<B, C, unknown>): Reducer<A, C, { a: unknown; b: unknown }> {
  const through = (b: unknown, items: B[]): C[] => {
    const out: C[] = [];
    for (const item of items) for (const c of second.step(b, item)) out.push(c);
    return out;
  };
  return {
    init: () => ({ a: first.init(), b: second.init() }),
    step: (state, input) => through(state.b, first.step(state.a, input)),
    finish: (state) => [...through(state.b, first.finish(state.a)), ...second.finish(state.b)],
  };
}
