// The TypeBox builders this folder uses, as named exports: `import * as Type from './type-builder.ts'`
// reads like TypeBox's `Type.X(…)`, but a bundler keeps only these builders, where TypeBox's own
// `Type` object would carry every one of them into the Worker.
export { Array, Boolean, Integer, Intersect, Literal, Never, Not, Null, Number, Object, Optional, Ref, String, Union, Unknown } from '@sinclair/typebox';
