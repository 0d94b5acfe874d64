/** docs/ is generated from the schema and examples/; a change to either without `npm run docs` fails here. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/paths.js';

test('docs/ matches the provider schema and the examples', () => {
  const check = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'generate-docs.mjs'), '--check'], { encoding: 'utf8' });
  // On failure, the generator's own message (which files differ, what to run) is what the assertion shows.
  expect(check.status === 0 ? 'up to date' : check.stderr).toBe('up to date');
});
