/** Compile-time assertions: `assert<Equal<A, B>>()` fails the type check (`tsc -p test/tsconfig.json`) unless A is B. */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export const assert = <T extends true>(): T => true as T;
