import {
  AttributePath,
  Diagnostics,
  matchesPattern,
  notBlank,
  notEmpty,
  oneOf,
  requiresReplace,
  requiresReplaceIf,
  requiresReplaceUnlessImported,
  satisfies,
  UNKNOWN,
  useStateForUnknown,
  type PlanModifier,
  type Planned,
  type Validator,
} from '../../../provider/framework/index.js';

const path = AttributePath.root('name');

type ModifyCase<T> = { config: Planned<T>; state: T | null; plan: Planned<T>; creating?: boolean; imported?: boolean };

function modify<T>(modifier: PlanModifier<T>, req: ModifyCase<T>) {
  const resp = { plan: req.plan, requiresReplace: false };
  modifier.modify({ path, config: req.config, state: req.state, creating: req.creating ?? req.state === null, imported: req.imported ?? false }, resp);
  return resp;
}

describe('useStateForUnknown', () => {
  test.each<[string, ModifyCase<string>, Planned<string>]>([
    ['an unknown plan keeps the prior value', { config: null, state: 'x1', plan: UNKNOWN }, 'x1'],
    ['on create there is no prior value', { config: null, state: null, plan: UNKNOWN }, UNKNOWN],
    ['a known plan is left alone', { config: 'y', state: 'x1', plan: 'y' }, 'y'],
    ['an unknown configured value stays unknown', { config: UNKNOWN, state: 'x1', plan: UNKNOWN }, UNKNOWN],
  ])('%s', (_name, req, planned) => {
    expect(modify(useStateForUnknown<string>(), req).plan).toBe(planned);
  });
});

describe('requiresReplace and requiresReplaceIf', () => {
  test.each<[string, PlanModifier<string>, ModifyCase<string>, boolean]>([
    ['flags an update', requiresReplace(), { config: 'b', state: 'a', plan: 'b' }, true],
    ['never flags a create', requiresReplace(), { config: 'b', state: null, plan: 'b', creating: true }, false],
    ['unless imported: flags a change of a created object', requiresReplaceUnlessImported(), { config: 'b', state: 'a', plan: 'b' }, true],
    ['unless imported: flags a value set where there was none', requiresReplaceUnlessImported(), { config: 'b', state: null, plan: 'b', creating: false }, true],
    ['unless imported: records the first value after an import', requiresReplaceUnlessImported(), { config: 'b', state: null, plan: 'b', creating: false, imported: true }, false],
    ['flags when the condition holds', requiresReplaceIf((req) => req.state === 'a', 'from a'), { config: 'b', state: 'a', plan: 'b' }, true],
    ['not when it does not', requiresReplaceIf((req) => req.state === 'z', 'from z'), { config: 'b', state: 'a', plan: 'b' }, false],
  ])('%s', (_name, modifier, req, flagged) => {
    const resp = modify(modifier, req);
    expect(resp.requiresReplace).toBe(flagged);
    // Flagging never changes the planned value: whether it changed is decided afterwards.
    expect(resp.plan).toBe(req.plan);
  });
});

describe('string validators', () => {
  const slug = matchesPattern(/^[a-z]+$/, 'lowercase letters');
  const colour = oneOf(['red', 'blue']);
  const even = satisfies((v) => v.length % 2 === 0, 'of even length');

  test.each<[string, Validator<string>, string, string | undefined]>([
    ['a matching value', slug, 'abc', undefined],
    ['a value off the pattern', slug, 'Abc', '"Abc" is not valid: name must be lowercase letters.'],
    ['one of the allowed values', colour, 'red', undefined],
    ['a value not allowed', colour, 'green', '"green" is not valid: name must be one of red, blue.'],
    ['a non-empty value', notEmpty(), 'x', undefined],
    ['the empty string', notEmpty(), '', 'name must not be an empty string; remove the argument to leave it unset.'],
    ['a name with spaces inside', notBlank(), ' a b ', undefined],
    ['white space only', notBlank(), ' \t ', 'name must not be empty or only white space; Kestra refuses a blank name.'],
    ['the empty string, not blank', notBlank(), '', 'name must not be empty or only white space; Kestra refuses a blank name.'],
    ['a value the predicate accepts', even, 'ab', undefined],
    ['a value it refuses', even, 'abc', '"abc" is not valid: name must be of even length.'],
  ])('%s', (_name, validator, value, detail) => {
    const diagnostics = new Diagnostics();
    validator.validate({ path, value }, diagnostics);
    expect(diagnostics.items).toEqual(detail === undefined ? [] : [{ severity: 'error', summary: 'Invalid value for name', detail, attribute: [{ attribute: 'name' }] }]);
  });
});
