import { UNKNOWN, type TfObject } from '../../../provider/bridge/tftypes/value.js';
import { Diagnostics } from '../../../provider/framework/diagnostics.js';
import { requiresReplace } from '../../../provider/framework/plan-modifiers/requires-replace.js';
import { useStateForUnknown } from '../../../provider/framework/plan-modifiers/use-state-for-unknown.js';
import type { PlanModifier } from '../../../provider/framework/plan-modifier.js';
import { planResourceChange } from '../../../provider/framework/planning.js';
import { defineResource } from '../../../provider/framework/resource.js';
import { computed, defineSchema, optional, optionalComputed, required } from '../../../provider/framework/schema.js';
import { boolType, setOf, stringType } from '../../../provider/framework/value-types.js';

const schema = defineSchema({
  description: 'test',
  attributes: {
    id: computed(stringType, { description: 'id', planModifiers: [useStateForUnknown()] }),
    etag: computed(stringType, { description: 'changes on every update' }),
    name: required(stringType, { description: 'name' }),
    zone: optional(stringType, { description: 'zone', planModifiers: [requiresReplace()] }),
    enabled: optionalComputed(boolType, { description: 'enabled', default: true }),
    tags: optional(setOf(stringType), { description: 'tags' }),
    secret: optional(stringType, { description: 'write-only', writeOnly: true }),
  },
});

const resource = defineResource<typeof schema, undefined>({
  typeName: 'test_thing',
  schema,
  create: async ({ plan }) => plan,
  read: async ({ state }) => state,
  update: async ({ plan }) => plan,
  delete: async () => {},
});

const base: TfObject = { id: null, etag: null, name: 'a', zone: null, enabled: null, tags: null, secret: null };
const prior: TfObject = { id: 'x1', etag: 'e1', name: 'a', zone: 'eu', enabled: true, tags: ['b', 'a'], secret: null };

const plan = (req: { prior: TfObject | null; proposed: TfObject | null; config: TfObject | null }) =>
  planResourceChange(resource, req, new Diagnostics(), undefined);

describe('planning', () => {
  test('create: computed attributes are unknown, defaults are known, write-only values are null', async () => {
    const config = { ...base, secret: 's3cret' };
    const { planned, requiresReplace: replace } = await plan({ prior: null, proposed: config, config });
    expect(planned).toEqual({ ...base, id: UNKNOWN, etag: UNKNOWN, enabled: true, secret: null });
    expect(replace).toEqual([]);
  });

  test('no change: the plan equals the prior state, with nothing unknown', async () => {
    const config = { ...base, zone: 'eu', tags: ['a', 'b'] };
    const proposed = { ...prior, tags: ['a', 'b'] };
    const { planned, requiresReplace: replace } = await plan({ prior, proposed, config });
    expect(planned).toEqual(proposed);
    expect(replace).toEqual([]);
  });

  test('update: computed values that may change become unknown; use-state-for-unknown keeps the id', async () => {
    const config = { ...base, name: 'b', zone: 'eu', tags: ['a', 'b'] };
    const proposed = { ...prior, name: 'b' };
    const { planned, requiresReplace: replace } = await plan({ prior, proposed, config });
    expect(planned).toMatchObject({ id: 'x1', etag: UNKNOWN, name: 'b', enabled: true });
    expect(replace).toEqual([]);
  });

  test('a changed requires-replace attribute is reported; an unchanged one is not', async () => {
    const config = { ...base, zone: 'us', tags: ['a', 'b'] };
    const { requiresReplace: replace } = await plan({ prior, proposed: { ...prior, zone: 'us' }, config });
    expect(replace.map(String)).toEqual(['zone']);
  });

  test('destroy plans null', async () => {
    expect((await plan({ prior, proposed: null, config: null })).planned).toBeNull();
  });

  test('a value a modifier keeps at its prior spelling is no change: computed values stay known', async () => {
    const sameLetters: PlanModifier = {
      description: 'case-insensitive',
      modify(req, resp) {
        if (typeof req.configValue === 'string' && typeof req.stateValue === 'string' && req.configValue.toLowerCase() === req.stateValue.toLowerCase()) {
          resp.planValue = req.stateValue;
        }
      },
    };
    const caseInsensitive = defineResource<typeof schema, undefined>({
      ...resource,
      schema: { ...schema, attributes: { ...schema.attributes, name: { ...schema.attributes.name, planModifiers: [sameLetters] } } },
    } as never);
    const config = { ...base, name: 'A', zone: 'eu', tags: ['a', 'b'] };
    const { planned } = await planResourceChange(caseInsensitive, { prior, proposed: { ...prior, name: 'A' }, config }, new Diagnostics(), undefined);
    expect(planned).toEqual(prior);
  });

  test('planning is deterministic', async () => {
    const config = { ...base, name: 'b', zone: 'eu' };
    const proposed = { ...prior, name: 'b', tags: null };
    const first = await plan({ prior, proposed, config });
    const second = await plan({ prior, proposed, config });
    expect(second).toEqual(first);
  });
});
