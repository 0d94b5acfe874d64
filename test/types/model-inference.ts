/**
 * Type-level tests of the schema DSL, checked by `tsc -p test/tsconfig.json` (part of `npm test`): the model a
 * resource sees is inferred from its schema, never written twice. A wrong inference fails the build.
 */
import { computed, defineSchema, optional, optionalComputed, required, type ModelOf } from '../../provider/framework/schema.js';
import { boolType, mapOf, nestedList, setOf, stringType } from '../../provider/framework/value-types.js';

const schema = defineSchema({
  description: 'type test',
  attributes: {
    name: required(stringType, { description: 'required' }),
    note: optional(stringType, { description: 'optional' }),
    enabled: optionalComputed(boolType, { description: 'defaulted', default: false }),
    permissions: required(mapOf(setOf(stringType)), { description: 'map of sets' }),
    tokens: computed(nestedList({ id: computed(stringType, { description: 'id' }), label: optional(stringType, { description: 'label' }) }), {
      description: 'nested',
    }),
  },
});

type Model = ModelOf<typeof schema>;

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assert = <T extends true>(): T => true as T;

assert<Equal<Model['name'], string>>();
assert<Equal<Model['note'], string | null>>();
assert<Equal<Model['enabled'], boolean | null>>();
assert<Equal<Model['permissions'], Record<string, string[]>>>();
assert<Equal<Model['tokens'], { id: string | null; label: string | null }[] | null>>();

// A default must have the attribute's type.
// @ts-expect-error a string default on a bool attribute
optionalComputed(boolType, { description: 'wrong default', default: 'no' });

// Models have exactly the schema's attributes.
// @ts-expect-error no such attribute
export const misspelled: Model['nmae'] = 'x';
