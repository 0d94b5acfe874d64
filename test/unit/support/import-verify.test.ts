/** The import-verify step's judgement of a plan: only an import without changes passes, and a failure says what would change. */
import { describe, expect, test } from '@jest/globals';
import { differences, unexpectedChanges, type PlannedChange } from '../../support/import-verify.js';

const ADDRESS = 'kestra_role.deployer';
const state = { id: 'r1', name: 'deployer', permissions: { FLOW: ['READ'] }, is_default: false };
const change = (actions: string[], after: unknown, extra: Partial<PlannedChange['change']> = {}): PlannedChange => ({
  address: ADDRESS,
  change: { actions, before: state, after, importing: { id: 'r1' }, ...extra },
});

describe('unexpectedChanges', () => {
  test.each<[string, PlannedChange[], string[]]>([
    ['an import that changes nothing', [change(['no-op'], state)], []],
    [
      'an import followed by an in-place update, attribute by attribute',
      [change(['update'], { ...state, is_default: true, permissions: { FLOW: ['READ', 'UPDATE'] } })],
      [`  ${ADDRESS}: update`, '    is_default: false → true', '    permissions.FLOW: ["READ"] → ["READ","UPDATE"]'],
    ],
    [
      'an import that would be replaced, with the path that forces it',
      [change(['delete', 'create'], { ...state, name: 'other' }, { replace_paths: [['name']] })],
      [`  ${ADDRESS}: delete, create`, '    name: "deployer" → "other"', '    forces replacement: name'],
    ],
    ['a plan that does not import the resource', [{ address: ADDRESS, change: { actions: ['no-op'], before: state, after: state } }], [`  ${ADDRESS}: not imported`]],
    [
      'another resource the plan would create',
      [change(['no-op'], state), { address: 'kestra_role.extra', change: { actions: ['create'], before: null, after: { name: 'x' } } }],
      ['  kestra_role.extra: create', '    (the value): null → {"name":"x"}'],
    ],
  ])('%s', (_case, changes, expected) => {
    expect(unexpectedChanges(ADDRESS, changes)).toEqual(expected);
  });
});

describe('differences', () => {
  test.each<[string, unknown, unknown, string[]]>([
    ['equal objects', { a: 1, b: [1, { c: 'x' }] }, { a: 1, b: [1, { c: 'x' }] }, []],
    ['a nested field', { a: { b: 1 } }, { a: { b: 2 } }, ['  a.b: 1 → 2']],
    ['a list item', { a: ['x', 'y'] }, { a: ['x', 'z'] }, ['  a[1]: "y" → "z"']],
    ['a list of another length, as a whole', { a: ['x'] }, { a: ['x', 'y'] }, ['  a: ["x"] → ["x","y"]']],
    ['an attribute only one side has', { a: 1 }, { a: 1, b: null, c: 2 }, ['  c: null → 2']],
  ])('%s', (_case, before, after, expected) => {
    expect(differences(before, after)).toEqual(expected);
  });
});
