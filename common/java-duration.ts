/**
 * ISO-8601 durations exactly as Java's `Duration.parse` reads them (Kestra's `maxAge` is a java.time.Duration):
 * days, hours, minutes and seconds only (`P30D`, `PT1H30M`, `P1DT12H`, `PT0.5S`), each part optionally signed.
 * Years, months and weeks (`P1Y`, `P1M`, `P1W`) are calendar periods and are rejected, as the server rejects them.
 */
const JAVA_DURATION =
  /^([-+]?)P(?:([-+]?[0-9]+)D)?(T(?:([-+]?[0-9]+)H)?(?:([-+]?[0-9]+)M)?(?:([-+]?[0-9]+)(?:[.,]([0-9]{0,9}))?S)?)?$/i;

/**
 * The longest token lifetime accepted, either way. A token's `exp` is `iat + maxAge`, written as an RFC 3339
 * date-time, which holds years 0000 to 9999 only: Java parses `P1000000000D`, but its expiry (year 2.7 million)
 * is no date-time a client can read. 100,000 days (about 273 years) keeps every expiry readable.
 */
export const MAX_JAVA_DURATION = 'P100000D';
export const MAX_JAVA_DURATION_MILLIS = 100_000 * 86_400_000;

/** What a valid duration is, in words; reads after "a" or "a positive". */
export const JAVA_DURATION_RULE = `ISO-8601 duration of days, hours, minutes and seconds, such as P30D, PT12H or P1DT2H30M, of at most ${MAX_JAVA_DURATION} (years, months and weeks are not accepted)`;

/** Milliseconds in the duration, or undefined when the text is not a valid Java duration. */
export function parseJavaDurationMillis(text: string): number | undefined {
  const m = JAVA_DURATION.exec(text);
  if (!m) return undefined;
  const [, sign, days, timeSection, hours, minutes, seconds, fraction] = m;
  if (days === undefined && timeSection === undefined) return undefined;
  if (timeSection !== undefined && hours === undefined && minutes === undefined && seconds === undefined) return undefined;
  const whole = (part: string | undefined, unitMs: number) => (part === undefined ? 0 : Number(part) * unitMs);
  let fractionMs = 0;
  if (fraction) {
    const ms = Number(fraction.padEnd(9, '0')) / 1_000_000;
    fractionMs = seconds?.startsWith('-') ? -ms : ms;
  }
  const total =
    whole(days, 86_400_000) + whole(hours, 3_600_000) + whole(minutes, 60_000) + whole(seconds, 1000) + fractionMs;
  return sign === '-' ? -total : total;
}

/** True when a duration of `ms`, positive or negative, is within the bound. */
export function isWithinJavaDurationBound(ms: number): boolean {
  return Math.abs(ms) <= MAX_JAVA_DURATION_MILLIS;
}

/** True for a valid duration that is longer than zero and within the bound. */
export function isPositiveJavaDuration(text: string): boolean {
  const ms = parseJavaDurationMillis(text);
  return ms !== undefined && ms > 0 && isWithinJavaDurationBound(ms);
}
