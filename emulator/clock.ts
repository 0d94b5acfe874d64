/**
 * The emulator's notion of "now". Token expiry reads it, and the control API can move it so that tests
 * check expiry without sleeping. It keeps ticking with real time after being moved.
 *
 * It stays between 1970 and 9000: with token lifetimes bounded (common/java-duration.ts), every `iat`,
 * `lastUsed` and `exp` it yields is then a date-time of years 0000-9999, as RFC 3339 requires.
 */
export const CLOCK_MIN_MS = Date.parse('1970-01-01T00:00:00Z');
export const CLOCK_MAX_MS = Date.parse('9000-01-01T00:00:00Z');

export class Clock {
  private offsetMs = 0;

  constructor(private readonly source: () => number = Date.now) {}

  nowMs(): number {
    return this.source() + this.offsetMs;
  }

  /** Moves the clock to that instant; false, and the clock unchanged, when it is outside the clock's range. */
  set(instantMs: number): boolean {
    if (!(instantMs >= CLOCK_MIN_MS && instantMs <= CLOCK_MAX_MS)) return false;
    this.offsetMs = instantMs - this.source();
    return true;
  }
}
