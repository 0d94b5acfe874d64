/**
 * Type-level tests of the schema DSL, checked by `tsc -p test/tsconfig.json` (part of `npm test`): the models a
 * resource sees are inferred from its schema, never written twice. A wrong inference fails the build.
 */
import {
  boolType,
  computed,
  defineSchema,
  listBlock,
  mapOf,
  nestedList,
  optional,
  optionalComputed,
  required,
  setOf,
  singleBlock,
  stringType,
  type ConfigOf,
  type ModelOf,
  type PartialStateOf,
  type PlanningConfigOf,
  type PlanningPlanOf,
  type PlanOf,
  type StateOf,
  type Unknown,
} from '../../provider/framework/index.js';
import { assert, type Equal } from './assert.js';

const schema = defineSchema({
  description: 'type test',
  attributes: {
    id: computed(stringType, { description: 'always set once created', nullable: false }),
    etag: computed(stringType, { description: 'maybe null' }),
    name: required(stringType, { description: 'required' }),
    note: optional(stringType, { description: 'optional' }),
    enabled: optionalComputed(boolType, { description: 'defaulted', default: false }),
    zone: optionalComputed(stringType, { description: 'optional, else computed' }),
    password: optional(stringType, { description: 'write-only', writeOnly: true }),
    permissions: required(mapOf(setOf(stringType)), { description: 'map of sets' }),
    tokens: computed(nestedList({ id: computed(stringType, { description: 'id' }), label: optional(stringType, { description: 'label' }) }), {
      description: 'nested',
    }),
  },
  blocks: {
    rule: listBlock({ description: 'rules', attributes: { port: required(stringType, { description: 'port' }) } }),
    owner: singleBlock({ description: 'owner', attributes: { email: optional(stringType, { description: 'email' }) } }),
  },
});

type State = StateOf<typeof schema>;
type Plan = PlanOf<typeof schema>;
type Config = ConfigOf<typeof schema>;

// State: computed-after-create and defaulted values are non-null; write-only values are never stored.
assert<Equal<State['id'], string>>();
assert<Equal<State['etag'], string | null>>();
assert<Equal<State['name'], string>>();
assert<Equal<State['note'], string | null>>();
assert<Equal<State['enabled'], boolean>>();
assert<Equal<State['zone'], string | null>>();
assert<Equal<State['password'], null>>();
assert<Equal<State['permissions'], Record<string, string[]>>>();
assert<Equal<State['tokens'], { id: string | null; label: string | null }[] | null>>();

// Plan at apply: the default is applied, but a computed id is not known before create.
assert<Equal<Plan['id'], string | null>>();
assert<Equal<Plan['enabled'], boolean>>();
assert<Equal<Plan['password'], null>>();

// Configuration: computed-only values are never configured; write-only values are.
assert<Equal<Config['id'], null>>();
assert<Equal<Config['enabled'], boolean | null>>();
assert<Equal<Config['password'], string | null>>();

// Blocks: a list block is a list (empty when absent), a single block its object or null.
assert<Equal<State['rule'], { port: string }[]>>();
assert<Equal<State['owner'], { email: string | null } | null>>();

// Planning views are tri-state: known, null or unknown.
assert<Equal<PlanningPlanOf<typeof schema>['name'], string | null | Unknown>>();
assert<Equal<PlanningConfigOf<typeof schema>['note'], string | null | Unknown>>();
assert<Equal<PlanningConfigOf<typeof schema>['etag'], null>>();

// A partial state may leave anything out.
assert<Equal<PartialStateOf<typeof schema>['id'], string | null | undefined>>();

// The loose model (that of nested objects): required values non-null, everything else nullable.
type Model = ModelOf<typeof schema>;
assert<Equal<Model['enabled'], boolean | null>>();
assert<Equal<Model['tokens'], { id: string | null; label: string | null }[] | null>>();

// A default must have the attribute's type.
// @ts-expect-error a string default on a bool attribute
optionalComputed(boolType, { description: 'wrong default', default: 'no' });

// Models have exactly the schema's attributes.
// @ts-expect-error no such attribute
export const misspelled: State['nmae'] = 'x';
