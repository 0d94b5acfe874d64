import type { Diagnostic } from '../../../provider/bridge/protocol/provider-server.js';
import { UNKNOWN, type TfObject, type TfValue } from '../../../provider/bridge/tftypes/value.js';
import {
  computed,
  defineSchema,
  Diagnostics,
  exactlyOneOf,
  listBlock,
  nestedList,
  nestedMap,
  nestedSet,
  nestedSingle,
  notEmpty,
  optional,
  required,
  requiresAlso,
  stringType,
  type ConfigValidator,
} from '../../../provider/framework/index.js';
import { rejectWriteOnlyWithoutSupport, validateConfig } from '../../../provider/framework/validation.js';

const inner = {
  id: computed(stringType, { description: 'read-only' }),
  label: optional(stringType, { description: 'label', validators: [notEmpty()] }),
  old: optional(stringType, { description: 'deprecated', deprecated: 'Use label instead.' }),
};

const schema = defineSchema({
  description: 'validation',
  attributes: {
    id: computed(stringType, { description: 'read-only' }),
    name: required(stringType, { description: 'name', validators: [notEmpty()] }),
    owner: optional(stringType, { description: 'owner' }),
    group: optional(stringType, { description: 'group' }),
    secret: optional(stringType, { description: 'write-only', writeOnly: true }),
    one: optional(nestedSingle(inner), { description: 'single' }),
    many: optional(nestedList(inner), { description: 'list' }),
    bag: optional(nestedSet({ label: optional(stringType, { description: 'label', validators: [notEmpty()] }) }), { description: 'set' }),
    named: optional(nestedMap(inner), { description: 'map' }),
  },
  blocks: {
    rule: listBlock({ description: 'rules', attributes: inner, deprecated: 'Rules are going away.' }),
  },
});

const base: TfObject = { id: null, name: 'n', owner: 'o', group: null, secret: null, one: null, many: null, bag: null, named: null, rule: [] };
const el = (fields: TfObject = {}): TfObject => ({ id: null, label: 'x', old: null, ...fields });
const oneOwner = exactlyOneOf('owner', 'group');

/** Each diagnostic as `severity path: summary`, the way a user reads it. */
const described = (diagnostics: Diagnostics) =>
  diagnostics.items.map((d: Diagnostic) => `${d.severity} ${d.attribute ? d.attribute.map((s) => ('attribute' in s ? `.${s.attribute}` : 'key' in s ? `[${s.key}]` : `[${s.index}]`)).join('') : '-'}: ${d.summary}`);

describe('validateConfig', () => {
  test.each<[string, TfObject, string[]]>([
    ['a valid configuration', base, []],
    ['an attribute validator', { ...base, name: '' }, ['error .name: Invalid value for name']],
    ['an unknown value is not validated yet', { ...base, name: UNKNOWN }, []],
    ['a configured read-only attribute', { ...base, id: 'x' }, ['error .id: Invalid configuration for read-only attribute']],
    ['an unknown read-only attribute is configured too', { ...base, id: UNKNOWN }, ['error .id: Invalid configuration for read-only attribute']],
    ['a validator inside a single nested object', { ...base, one: el({ label: '' }) }, ['error .one.label: Invalid value for one.label']],
    ['a validator inside a nested list', { ...base, many: [el(), el({ label: '' })] }, ['error .many[1].label: Invalid value for many[1].label']],
    ['a validator inside a nested set: the path stops at the set', { ...base, bag: [{ label: '' }] }, ['error .bag: Invalid value for bag']],
    ['a validator inside a nested map', { ...base, named: { k: el({ label: '' }) } }, ['error .named[k].label: Invalid value for named["k"].label']],
    ['a validator inside a block', { ...base, rule: [el({ label: '' })] }, ['warning .rule: Block is deprecated', 'error .rule[0].label: Invalid value for rule[0].label']],
    ['a read-only nested attribute', { ...base, many: [el({ id: 'x' })] }, ['error .many[0].id: Invalid configuration for read-only attribute']],
    ['a deprecated nested attribute warns', { ...base, one: el({ old: 'y' }) }, ['warning .one.old: Argument is deprecated']],
    ['a known element of a partly unknown list is validated', { ...base, many: [UNKNOWN, el({ label: '' })] }, ['error .many[1].label: Invalid value for many[1].label']],
    ['a config validator', { ...base, group: 'g' }, ['error .group: Conflicting arguments']],
    ['config validators count unknown values as set', { ...base, owner: null, group: UNKNOWN }, []],
  ])('%s', (_name, config, expected) => {
    expect(described(validateConfig(schema, [oneOwner], config))).toEqual(expected);
  });

  test('config validators see the planning view: a partly unknown value is unknown as a whole', () => {
    const seen: unknown[] = [];
    const spy: ConfigValidator<{ readonly many: unknown }> = { description: 'spy', validate: (config) => void seen.push(config.many) };
    validateConfig(schema, [spy], { ...base, many: [UNKNOWN] });
    expect(seen).toEqual([UNKNOWN]);
  });
});

describe('requiresAlso', () => {
  const extendedNeedsMaxAge = requiresAlso('extended', 'max_age', (v) => v === true, 'needs max_age');
  test.each<[string, { extended: TfValue; max_age: TfValue }, number]>([
    ['set and satisfied', { extended: true, max_age: 'P1D' }, 0],
    ['set without the other', { extended: true, max_age: null }, 1],
    ['set to a value the condition excludes', { extended: false, max_age: null }, 0],
    ['unknown: decided at apply', { extended: UNKNOWN, max_age: null }, 0],
    ['not set', { extended: null, max_age: null }, 0],
  ])('%s', (_name, config, errors) => {
    const diagnostics = new Diagnostics();
    extendedNeedsMaxAge.validate(config, diagnostics);
    expect(diagnostics.items.map((d) => d.summary)).toEqual(errors ? ['Missing argument max_age'] : []);
  });
});

describe('exactlyOneOf', () => {
  test.each<[string, { a: TfValue; b: TfValue; c: TfValue }, string[]]>([
    ['one set', { a: 'x', b: null, c: null }, []],
    ['none set names the first', { a: null, b: null, c: null }, ['a: Missing required argument: Exactly one of a, b, c must be set; none is.']],
    ['two set names the second', { a: 'x', b: null, c: 'z' }, ['c: Conflicting arguments: Exactly one of a, b, c must be set; a and c are both set.']],
    ['three set says all', { a: 'x', b: 'y', c: 'z' }, ['b: Conflicting arguments: Exactly one of a, b, c must be set; a, b and c are all set.']],
  ])('%s', (_name, config, expected) => {
    const diagnostics = new Diagnostics();
    exactlyOneOf('a', 'b', 'c').validate(config, diagnostics);
    expect(diagnostics.items.map((d) => `${d.attribute?.map((s) => ('attribute' in s ? s.attribute : '')).join('')}: ${d.summary}: ${d.detail}`)).toEqual(expected);
  });
});

describe('rejectWriteOnlyWithoutSupport', () => {
  const nested = defineSchema({
    description: 'write-only inside',
    attributes: { one: optional(nestedSingle({ pw: optional(stringType, { description: 'pw', writeOnly: true }) }), { description: 'one' }) },
  });

  test.each<[string, TfObject, readonly { attribute: string }[] | undefined]>([
    ['a top-level write-only value', { ...base, secret: 's' }, [{ attribute: 'secret' }]],
    ['no write-only value', base, undefined],
  ])('%s', (_name, config, path) => {
    const diagnostics = new Diagnostics();
    rejectWriteOnlyWithoutSupport(schema, config, diagnostics);
    expect(diagnostics.items[0]?.attribute).toEqual(path);
  });

  test('a write-only value inside a nested object', () => {
    const diagnostics = new Diagnostics();
    rejectWriteOnlyWithoutSupport(nested, { one: { pw: 's' } }, diagnostics);
    expect(diagnostics.items.map((d) => d.detail)).toEqual(['one.pw is write-only, and write-only attributes need Terraform 1.11 or later. Upgrade Terraform or remove one.pw.']);
  });
});
