// The one adapter from a pure reducer to a Web TransformStream.
import type { Reducer } from './reducer.ts';

export function reducerStream<In, Out, State>(reducer: Reducer<In, Out, State>): TransformStream<In, Out> {
  const state = reducer.init();
  return new TransformStream<In, Out>({
    transform(input, controller) {
      for (const out of reducer.step(state, input)) controller.enqueue(out);
    },
    flush(controller) {
      for (const out of reducer.finish(state)) controller.enqueue(out);
    },
  });
}
