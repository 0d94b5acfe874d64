/**
 * Counts the provider calls that have not returned. A process serving Terraform sessions one after another
 * ends a session only once its calls are done: a call Terraform no longer waits for (its Terraform was
 * killed) may still be creating an object, and the next session must not look for that object before then.
 */
export class CallsInFlight {
  #count = 0;
  #waiting: (() => void)[] = [];

  track<T>(work: Promise<T>): Promise<T> {
    this.#count += 1;
    return work.finally(() => {
      this.#count -= 1;
      if (this.#count === 0) for (const resolve of this.#waiting.splice(0)) resolve();
    });
  }

  /** Resolves once no call is in flight. */
  drained(): Promise<void> {
    return this.#count === 0 ? Promise.resolve() : new Promise((resolve) => this.#waiting.push(resolve));
  }
}
