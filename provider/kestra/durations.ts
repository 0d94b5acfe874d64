import { JAVA_DURATION_RULE, isPositiveJavaDuration, parseJavaDurationMillis } from '../../common/java-duration.js';
import { satisfies, semanticString } from '../framework/index.js';

/**
 * The type of every duration attribute: `P1D` and `PT24H` are the same duration, so a configuration that
 * spells the stored value differently plans no diff and no replacement.
 */
export const durationType = semanticString((a, b) => {
  const ms = parseJavaDurationMillis(a);
  return ms !== undefined && ms === parseJavaDurationMillis(b);
});

export const positiveDuration = satisfies(isPositiveJavaDuration, `a positive ${JAVA_DURATION_RULE}`);

const UNITS: readonly [string, number][] = [
  ['D', 86_400_000],
  ['H', 3_600_000],
  ['M', 60_000],
  ['S', 1000],
];

/** A duration the server's timestamps give back (expiry minus issue time), to the second, in its largest units: `P30D`, `P1DT12H`, `PT1M30S`. */
export function durationFromMillis(ms: number): string {
  let seconds = Math.round(ms / 1000);
  if (seconds <= 0) return 'PT0S';
  const parts = UNITS.map(([unit, unitMs]) => {
    const count = Math.floor(seconds / (unitMs / 1000));
    seconds -= count * (unitMs / 1000);
    return count > 0 ? `${count}${unit}` : '';
  });
  const [days, ...time] = parts;
  const clock = time.join('');
  return `P${days}${clock ? `T${clock}` : ''}`;
}
