/**
 * The emulator's notion of "now". Token expiry reads it, and the control API can move it so that tests
 * check expiry without sleeping. It keeps ticking with real time after being moved.
 */
export class Clock {
  private offsetMs = 0;

  constructor(private readonly source: () => number = Date.now) {}

  nowMs(): number {
    return this.source() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  set(instantMs: number): void {
    this.offsetMs = instantMs - this.source();
  }
}
