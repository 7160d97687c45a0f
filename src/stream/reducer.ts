// A pure stream step function: no I/O, testable over arrays. One generic adapter
// (reducer-stream.ts) turns any reducer into a TransformStream.
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
