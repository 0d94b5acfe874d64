import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The deadline of the operation in progress (a resource create, a read...), shared by every API call the
 * operation makes, its retries and waits included. Calls made outside an operation each get the whole timeout.
 */
const current = new AsyncLocalStorage<number>();

/** Runs `work` with a deadline `timeoutMs` from now, or the enclosing operation's deadline when that is sooner. */
export function withinDeadline<T>(timeoutMs: number, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  const enclosing = current.getStore();
  return current.run(enclosing === undefined ? deadline : Math.min(enclosing, deadline), work);
}

/** When the call starting now must be done: the operation's deadline, or `timeoutMs` from now outside one. */
export function callDeadline(timeoutMs: number): number {
  return current.getStore() ?? Date.now() + timeoutMs;
}

/** Milliseconds left before the operation's deadline (the whole timeout outside an operation). */
export function remainingMs(timeoutMs: number): number {
  return callDeadline(timeoutMs) - Date.now();
}
