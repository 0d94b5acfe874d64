import { UNKNOWN, type TfObject } from '../../../provider/bridge/tftypes/value.js';
import {
  boolType,
  computed,
  defineResource,
  defineSchema,
  Diagnostics,
  listBlock,
  nestedList,
  nestedMap,
  nestedSet,
  nestedSingle,
  optional,
  optionalComputed,
  required,
  requiresReplace,
  semanticString,
  setOf,
  stringType,
  useStateForUnknown,
  type ModifyPlanRequest,
  type PlanModifier,
  type Schema,
} from '../../../provider/framework/index.js';
import { SILENT } from '../../../provider/framework/logging.js';
import { planAttributes, planResourceChange } from '../../../provider/framework/planning.js';

/** Keeps the prior spelling when the configuration differs only in letter case. */
const sameLetters: PlanModifier<string> = {
  description: 'case-insensitive',
  modify(req, resp) {
    if (typeof req.config === 'string' && req.state !== null && req.config.toLowerCase() === req.state.toLowerCase()) resp.plan = req.state;
  },
};

const schema = defineSchema({
  description: 'test',
  attributes: {
    id: computed(stringType, { description: 'id', nullable: false, planModifiers: [useStateForUnknown()] }),
    etag: computed(stringType, { description: 'changes on every update' }),
    name: required(stringType, { description: 'name', planModifiers: [sameLetters] }),
    zone: optional(stringType, { description: 'zone', planModifiers: [requiresReplace()] }),
    enabled: optionalComputed(boolType, { description: 'enabled', default: true }),
    tags: optional(setOf(stringType), { description: 'tags' }),
    secret: optional(stringType, { description: 'write-only', writeOnly: true }),
  },
});

const base: TfObject = { id: null, etag: null, name: 'a', zone: null, enabled: null, tags: null, secret: null };
const prior: TfObject = { id: 'x1', etag: 'e1', name: 'a', zone: 'eu', enabled: true, tags: ['b', 'a'], secret: null };
const sameAsPrior: TfObject = { ...base, zone: 'eu', tags: ['a', 'b'] };

const plan = (req: { prior: TfObject | null; proposed: TfObject; config: TfObject }, s: Schema = schema) => planAttributes(s, req);

describe('planAttributes: top-level attributes', () => {
  test.each<[string, { prior: TfObject | null; proposed: TfObject; config: TfObject }, TfObject]>([
    [
      'create: computed values unknown, defaults known, write-only values null',
      { prior: null, proposed: { ...base, secret: 's3cret' }, config: { ...base, secret: 's3cret' } },
      { ...base, id: UNKNOWN, etag: UNKNOWN, enabled: true, secret: null },
    ],
    ['no change: the prior state, nothing unknown', { prior, proposed: { ...prior, tags: ['a', 'b'] }, config: sameAsPrior }, { ...prior, tags: ['a', 'b'] }],
    [
      'update: computed values that may change become unknown; use-state-for-unknown keeps the id',
      { prior, proposed: { ...prior, tags: ['a', 'b'], name: 'b' }, config: { ...sameAsPrior, name: 'b' } },
      { ...prior, tags: ['a', 'b'], name: 'b', etag: UNKNOWN },
    ],
    [
      'a value a modifier keeps at its prior spelling is no change: computed values stay known',
      { prior, proposed: { ...prior, name: 'A' }, config: { ...sameAsPrior, name: 'A' } },
      prior,
    ],
    [
      'a configured value for a defaulted attribute wins over the default',
      { prior: null, proposed: { ...base, enabled: false }, config: { ...base, enabled: false } },
      { ...base, id: UNKNOWN, etag: UNKNOWN, enabled: false },
    ],
  ])('%s', (_name, req, expected) => {
    expect(plan(req).planned).toEqual(expected);
  });

  test('planning is deterministic', () => {
    const req = { prior, proposed: { ...prior, name: 'b', tags: null }, config: { ...base, name: 'b', zone: 'eu' } };
    expect(plan(req)).toEqual(plan(req));
  });
});

describe('planAttributes: semantic equality of a type', () => {
  // Every attribute of this type compares numbers written with or without leading zeros.
  const paddedNumber = semanticString((a, b) => Number(a) === Number(b));
  const typed = defineSchema({
    description: 'semantic',
    attributes: {
      etag: computed(stringType, { description: 'changes on update' }),
      size: optional(paddedNumber, { description: 'replaces on change', planModifiers: [requiresReplace()] }),
      limit: optional(paddedNumber, { description: 'updates in place' }),
      list: optional(nestedList({ size: optional(paddedNumber, { description: 'nested' }) }), { description: 'nested' }),
    },
  });
  const stored: TfObject = { etag: 'e1', size: '7', limit: '10', list: [{ size: '3' }] };

  test.each<[string, TfObject, TfObject, string[]]>([
    [
      'values that mean the same keep the stored spelling, at any depth: no change, nothing unknown, no replacement',
      { etag: null, size: '007', limit: '010', list: [{ size: '03' }] },
      stored,
      [],
    ],
    ['a different value is planned as configured and replaces', { etag: null, size: '8', limit: '10', list: [{ size: '3' }] }, { ...stored, size: '8', etag: UNKNOWN }, ['size']],
    ['null is no spelling of a value', { etag: null, size: '7', limit: null, list: [{ size: '3' }] }, { ...stored, limit: null, etag: UNKNOWN }, []],
  ])('%s', (_name, config, expected, replaced) => {
    const { planned, flagged } = planAttributes(typed, { prior: stored, proposed: { ...config, etag: 'e1' }, config });
    expect(planned).toEqual(expected);
    expect([...new Set(flagged.map(String))].filter((p) => planned[p] !== stored[p])).toEqual(replaced);
  });
});

/** Nested attributes of every nesting mode, and a list block, each with a computed id, a default and a modifier. */
const inner = {
  id: computed(stringType, { description: 'id', planModifiers: [useStateForUnknown()] }),
  label: optional(stringType, { description: 'label', planModifiers: [requiresReplace()] }),
  kind: optionalComputed(stringType, { description: 'kind', default: 'plain' }),
};
const nestedSchema = defineSchema({
  description: 'nested',
  attributes: {
    one: optional(nestedSingle(inner), { description: 'single' }),
    many: optional(nestedList(inner), { description: 'list' }),
    bag: optional(nestedSet(inner), { description: 'set' }),
    named: optional(nestedMap(inner), { description: 'map' }),
    note: optional(stringType, { description: 'note' }),
  },
  blocks: { rule: listBlock({ description: 'rules', attributes: inner }) },
});

const el = (label: string) => ({ id: null, label, kind: null });
const stored = (id: string, label: string) => ({ id, label, kind: 'plain' });
const nestedConfig: TfObject = { one: el('a'), many: [el('b')], bag: [el('c')], named: { k: el('d') }, note: null, rule: [el('e')] };
const nestedPrior: TfObject = {
  one: stored('1', 'a'),
  many: [stored('2', 'b')],
  bag: [stored('3', 'c')],
  named: { k: stored('4', 'd') },
  note: null,
  rule: [stored('5', 'e')],
};

describe('planAttributes: nested attributes and blocks, at any depth', () => {
  test('create: defaults fill nested values, nested computed values are unknown', () => {
    const { planned } = plan({ prior: null, proposed: nestedConfig, config: nestedConfig }, nestedSchema);
    const fresh = (label: string) => ({ id: UNKNOWN, label, kind: 'plain' });
    expect(planned).toEqual({ one: fresh('a'), many: [fresh('b')], bag: [fresh('c')], named: { k: fresh('d') }, note: null, rule: [fresh('e')] });
  });

  test('update elsewhere: nested plan modifiers keep prior ids, in lists, sets, maps and blocks', () => {
    const proposed = { ...nestedPrior, note: 'changed' };
    const { planned } = plan({ prior: nestedPrior, proposed, config: { ...nestedConfig, note: 'changed' } }, nestedSchema);
    expect(planned).toEqual(proposed);
  });

  test('a nested requires-replace value that changes is reported at its path; inside a set the path stops at the set', async () => {
    const resource = defineResource<typeof nestedSchema, undefined>({
      typeName: 'test_nested',
      schema: nestedSchema,
      create: async ({ plan: p }) => ({ ...p, one: null, many: null, bag: null, named: null, rule: [] }),
      read: async ({ state }) => state,
      delete: async () => {},
    });
    const config = { ...nestedConfig, many: [el('B')], bag: [el('C')] };
    const proposed = { ...nestedPrior, many: [stored('2', 'B')], bag: [el('C')] };
    const call = { diagnostics: new Diagnostics(), client: undefined, logger: SILENT, private: {} };
    const { requiresReplace: paths } = await planResourceChange(resource, { prior: nestedPrior, proposed, config }, call);
    expect(paths.map(String).sort()).toEqual(['bag', 'many[0].label']);
  });
});

describe('planResourceChange: modifyPlan and replacements', () => {
  const define = (modifyPlan: (req: ModifyPlanRequest<typeof schema, undefined, Record<never, never>>) => void) =>
    defineResource<typeof schema, undefined>({
      typeName: 'test_thing',
      schema,
      modifyPlan,
      create: async () => ({ id: 'x', etag: null, name: 'a', zone: null, enabled: true, tags: null, secret: null }),
      read: async ({ state }) => state,
      delete: async () => {},
    });
  const call = { diagnostics: new Diagnostics(), client: undefined, logger: SILENT, private: {} };

  test('only a changed flagged attribute is reported; destroy plans null', async () => {
    const resource = define(() => {});
    const changed = await planResourceChange(resource, { prior, proposed: { ...prior, zone: 'us' }, config: { ...sameAsPrior, zone: 'us' } }, call);
    expect(changed.requiresReplace.map(String)).toEqual(['zone']);
    expect((await planResourceChange(resource, { prior, proposed: null, config: null }, call)).planned).toBeNull();
  });

  test('modifyPlan sees unknown values as unknown and can plan a computed value unknown to force replacement', async () => {
    const seen: unknown[] = [];
    const resource = define((req) => {
      seen.push(req.config.tags, req.plan.etag, req.state?.id);
      req.plan.etag = UNKNOWN;
      req.requiresReplace('etag');
    });
    // tags is partly unknown: the planning view shows it as unknown, yet the plan keeps its known element.
    const tags = ['a', UNKNOWN];
    const result = await planResourceChange(resource, { prior, proposed: { ...prior, tags }, config: { ...sameAsPrior, tags } }, call);
    expect(seen).toEqual([UNKNOWN, UNKNOWN, 'x1']);
    expect(result.planned).toMatchObject({ etag: UNKNOWN, tags });
    expect(result.requiresReplace.map(String)).toEqual(['etag']);
  });

  test('a value modifyPlan assigns replaces the planned one', async () => {
    const resource = define((req) => {
      req.plan.name = 'renamed';
    });
    const result = await planResourceChange(resource, { prior, proposed: prior, config: sameAsPrior }, call);
    expect(result.planned).toEqual({ ...prior, name: 'renamed' });
  });
});
