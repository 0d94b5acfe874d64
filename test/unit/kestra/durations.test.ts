import { isPositiveJavaDuration, parseJavaDurationMillis } from '../../../common/java-duration.js';
import { AttributePath, Diagnostics, UNKNOWN, type Planned } from '../../../provider/framework/index.js';
import { durationFromMillis, positiveDuration, sameDurationKeepsState } from '../../../provider/kestra/index.js';

describe('parseJavaDurationMillis', () => {
  test.each<[string, number | undefined]>([
    ['P30D', 30 * 86_400_000],
    ['PT12H', 12 * 3_600_000],
    ['P1DT2H30M', 86_400_000 + 2 * 3_600_000 + 30 * 60_000],
    ['PT0.5S', 500],
    ['pt1m', 60_000],
    ['-P1D', -86_400_000],
    ['PT-1S', -1000],
    ['P1M', undefined],
    ['P1W', undefined],
    ['P1Y', undefined],
    ['30 days', undefined],
    ['P', undefined],
    ['PT', undefined],
    ['', undefined],
  ])('%s', (text, millis) => {
    expect(parseJavaDurationMillis(text)).toBe(millis);
  });

  test.each<[string, boolean]>([
    ['PT1S', true],
    ['PT0S', false],
    ['-PT1S', false],
    ['P1M', false],
  ])('isPositiveJavaDuration(%s) is %s', (text, positive) => {
    expect(isPositiveJavaDuration(text)).toBe(positive);
  });
});

describe('positiveDuration', () => {
  test.each([
    ['P1D', 0],
    ['PT0S', 1],
    ['30 days', 1],
  ])('%s gives %i errors', (value, errors) => {
    const diagnostics = new Diagnostics();
    positiveDuration.validate({ path: AttributePath.root('max_age'), value }, diagnostics);
    expect(diagnostics.items).toHaveLength(errors);
  });
});

describe('sameDurationKeepsState', () => {
  test.each<[string, Planned<string>, string | null, Planned<string>]>([
    ['an equal duration spelled differently keeps the stored spelling', 'PT24H', 'P1D', 'P1D'],
    ['a different duration is planned as configured', 'PT25H', 'P1D', 'PT25H'],
    ['on create there is nothing to keep', 'PT24H', null, 'PT24H'],
    ['an unknown configured value stays unknown', UNKNOWN, 'P1D', UNKNOWN],
    ['an invalid configured value is left to the validator', 'soon', 'P1D', 'soon'],
  ])('%s', (_name, config, state, planned) => {
    const resp = { plan: config, requiresReplace: false };
    sameDurationKeepsState().modify({ path: AttributePath.root('max_age'), config, state, creating: state === null }, resp);
    expect(resp.plan).toBe(planned);
  });

  test('durationFromMillis writes whole seconds', () => {
    expect([durationFromMillis(2_592_000_000), durationFromMillis(1_499)]).toEqual(['PT2592000S', 'PT1S']);
  });
});
