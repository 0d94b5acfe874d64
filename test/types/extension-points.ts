/**
 * Type-level tests of the framework's extension points: validators and plan modifiers are typed like the
 * attribute they sit on, config validators name only attributes the schema has, and resource methods get and
 * return the schema's models.
 */
import {
  boolType,
  computed,
  defineResource,
  defineSchema,
  exactlyOneOf,
  mapOf,
  notEmpty,
  optional,
  requiresReplace,
  setOf,
  stringType,
  UNKNOWN,
  useStateForUnknown,
  type PlanModifier,
  type Validator,
} from '../../provider/framework/index.js';
import { assert, type Equal } from './assert.js';

const upperCase: PlanModifier<string> = { description: 'upper case', modify: (_req, resp) => void resp };
const permissions: Validator<Record<string, readonly string[]>> = { description: 'permissions', validate: () => {} };

// Validators and plan modifiers fit attributes of their own type, and generic ones fit any attribute.
optional(stringType, { description: 'ok', validators: [notEmpty()], planModifiers: [upperCase, requiresReplace(), useStateForUnknown()] });
optional(boolType, { description: 'ok', planModifiers: [requiresReplace(), useStateForUnknown()] });
optional(mapOf(setOf(stringType)), { description: 'ok', validators: [permissions] });

// @ts-expect-error a string validator on a bool attribute
optional(boolType, { description: 'wrong', validators: [notEmpty()] });
// @ts-expect-error a string validator on a set attribute
optional(setOf(stringType), { description: 'wrong', validators: [notEmpty()] });
// @ts-expect-error a string plan modifier on a bool attribute
optional(boolType, { description: 'wrong', planModifiers: [upperCase] });

const schema = defineSchema({
  description: 'extension points',
  attributes: {
    id: computed(stringType, { description: 'id', nullable: false }),
    owner: optional(stringType, { description: 'owner' }),
    group: optional(stringType, { description: 'group' }),
  },
});

defineResource<typeof schema, { api: string }, { created_by: string }>({
  typeName: 'test_thing',
  schema,
  configValidators: [exactlyOneOf('owner', 'group')],
  modifyPlan(req) {
    req.plan.owner = UNKNOWN;
    req.plan.owner = 'someone';
    req.requiresReplace('group');
    // @ts-expect-error a number planned for a string attribute
    req.plan.owner = 42;
    // @ts-expect-error no such attribute to replace
    req.requiresReplace('grup');
  },
  async create({ plan }, ctx) {
    assert<Equal<typeof plan.id, string | null>>();
    assert<Equal<typeof ctx.private.created_by, string | undefined>>();
    ctx.private.created_by = 'terraform';
    ctx.recordPartialState({ owner: plan.owner });
    return { id: 'x1', owner: plan.owner, group: plan.group };
  },
  async read({ state }) {
    // No `state.id!`: an id set at create is a string in every later state.
    assert<Equal<typeof state.id, string>>();
    return state;
  },
  // @ts-expect-error a state without its id
  update: async ({ plan }) => ({ id: null, owner: plan.owner, group: plan.group }),
  delete: async () => {},
});

defineResource<typeof schema, undefined>({
  typeName: 'test_misnamed',
  schema,
  // @ts-expect-error a config validator naming an attribute the schema does not have
  configValidators: [exactlyOneOf('owner', 'gruop')],
  create: async () => ({ id: 'x', owner: null, group: null }),
  read: async ({ state }) => state,
  delete: async () => {},
});
