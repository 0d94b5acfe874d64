import {
  boolType,
  computed,
  defineSchema,
  nestedList,
  nestedSet,
  optional,
  optionalComputed,
  required,
  singleBlock,
  stringType,
  type Attributes,
  type Blocks,
} from '../../../provider/framework/index.js';

describe('attribute constructors', () => {
  test.each([
    ['required', required(stringType, { description: 'r' }), 'required', 'always'],
    ['required write-only', required(stringType, { description: 'r', writeOnly: true }), 'required', 'never'],
    ['optional', optional(stringType, { description: 'o' }), 'optional', 'maybe'],
    ['optional write-only', optional(stringType, { description: 'o', writeOnly: true }), 'optional', 'never'],
    ['computed', computed(stringType, { description: 'c' }), 'computed', 'maybe'],
    ['computed, never null', computed(stringType, { description: 'c', nullable: false }), 'computed', 'always'],
    ['optional and computed', optionalComputed(stringType, { description: 'oc' }), 'optional_computed', 'maybe'],
    ['defaulted', optionalComputed(boolType, { description: 'oc', default: false }), 'optional_computed', 'always'],
  ])('%s: mode and presence in state', (_name, attribute, mode, presence) => {
    expect([attribute.mode, attribute.presence]).toEqual([mode, presence]);
  });

  test('a single block that may be left out has bounds 0 and 0; a required one 1 and 1', () => {
    expect([singleBlock({ description: 'b', attributes: {} })].map((b) => [b.minItems, b.maxItems])).toEqual([[0, 0]]);
    expect([singleBlock({ description: 'b', attributes: {}, minItems: 1 })].map((b) => [b.minItems, b.maxItems])).toEqual([[1, 1]]);
  });
});

describe('defineSchema refuses schemas Terraform would reject', () => {
  const define = (attributes: Attributes, blocks?: Blocks) => () => defineSchema({ description: 'x', attributes, ...(blocks ? { blocks } : {}) });
  const name = required(stringType, { description: 'n' });

  test.each<[string, () => unknown, RegExp]>([
    ['an attribute name with capitals', define({ Name: name }), /"Name" must be lowercase/],
    ['a name both attribute and block', define({ rule: name }, { rule: singleBlock({ description: 'r', attributes: {} }) }), /"rule" is both an attribute and a block/],
    ['a write-only attribute inside a nested set', define({ s: optional(nestedSet({ pw: optional(stringType, { description: 'p', writeOnly: true }) }), { description: 's' }) }), /write-only "s.pw" cannot be inside a set/],
    ['a bad name deep inside a nested list', define({ l: optional(nestedList({ 'bad-name': name }), { description: 'l' }) }), /"l.bad-name" must be lowercase/],
  ])('%s', (_name, run, message) => {
    expect(run).toThrow(message);
  });

  test('a valid schema gets version 0 and no blocks by default', () => {
    expect(defineSchema({ description: 'x', attributes: { name } })).toMatchObject({ version: 0, blocks: {} });
  });
});
