/**
 * Clean-up that runs after each test whether it passed or failed, so tests need no try/finally. A test (or a
 * helper it calls) defers what it must undo; after the test, deferred tasks run last-deferred first (a
 * workspace is destroyed before the emulator it talks to is closed), and every failure among them is reported.
 */

type Task = () => unknown;

const tasks: Task[] = [];
let installed = false;

/** Installs the after-each runner for this test file; call it at the top level of the file (helpers do). */
export function useCleanup(): void {
  if (installed) return;
  installed = true;
  afterEach(runDeferred);
}

/** Runs `task` after the current test. */
export function defer(task: Task): void {
  if (!installed) throw new Error('defer() needs useCleanup() (or useAcceptance(), useWorkspaces()) at the top level of the test file');
  tasks.push(task);
}

async function runDeferred(): Promise<void> {
  const failures: string[] = [];
  for (let task = tasks.pop(); task !== undefined; task = tasks.pop()) {
    try {
      await task();
    } catch (error) {
      failures.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
  }
  if (failures.length > 0) throw new Error(`clean-up after the test failed:\n${failures.join('\n\n')}`);
}
