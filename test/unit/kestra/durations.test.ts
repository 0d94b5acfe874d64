import { isPositiveJavaDuration, parseJavaDurationMillis } from '../../../common/java-duration.js';
import { AttributePath, Diagnostics } from '../../../provider/framework/index.js';
import { durationFromMillis, durationType, positiveDuration } from '../../../provider/kestra/index.js';

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
    ['P1D', []],
    ['PT0S', ['"PT0S" is not valid: max_age must be a positive ISO-8601 duration of days, hours, minutes and seconds, such as P30D, PT12H or P1DT2H30M, of at most P100000D (years, months and weeks are not accepted).']],
    ['30 days', ['"30 days" is not valid: max_age must be a positive ISO-8601 duration of days, hours, minutes and seconds, such as P30D, PT12H or P1DT2H30M, of at most P100000D (years, months and weeks are not accepted).']],
  ])('%s', (value, details) => {
    const diagnostics = new Diagnostics();
    positiveDuration.validate({ path: AttributePath.root('max_age'), value }, diagnostics);
    expect(diagnostics.items.map((d) => d.detail)).toEqual(details);
  });
});

describe('durationType', () => {
  test.each<[string, string, string, boolean]>([
    ['days and hours', 'P7D', 'PT168H', true],
    ['days, hours and minutes', 'P1DT1H', 'PT1500M', true],
    ['different durations', 'PT24H', 'PT25H', false],
    ['a valid and an invalid spelling', 'soon', 'P1D', false],
    ['two invalid spellings are not "the same duration"', 'soon', 'later', false],
  ])('%s: %s and %s mean the same: %s', (_name, a, b, same) => {
    expect(durationType.semanticEquals?.(a, b)).toBe(same);
  });
});

describe('durationFromMillis', () => {
  test.each<[number, string]>([
    [2_592_000_000, 'P30D'],
    [43_200_000, 'PT12H'],
    [129_600_000, 'P1DT12H'],
    [90_000, 'PT1M30S'],
    [1_499, 'PT1S'],
    [0, 'PT0S'],
  ])('%i ms is %s', (ms, text) => {
    expect(durationFromMillis(ms)).toBe(text);
    expect(parseJavaDurationMillis(text)).toBe(Math.round(ms / 1000) * 1000);
  });
});
