/** The scripts refuse flags they do not know, with the reason and a usage line, before doing any work. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from '@jest/globals';
import { REPO_ROOT } from '../support/paths.js';

const run = (script: string, args: string[]) =>
  promisify(execFile)(process.execPath, [join(REPO_ROOT, 'scripts', script), ...args], { cwd: REPO_ROOT }).then(
    () => ({ code: 0, stderr: '' }),
    (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
  );

describe.each([
  ['quickstart.mjs', 1],
  ['package.mjs', 2],
  ['generate-docs.mjs', 1],
  ['generate-cdktf-bindings.mjs', 1],
])('scripts/%s', (script, exitCode) => {
  test('refuses an unknown flag, naming it, with the usage line', async () => {
    const result = await run(script, ['--no-such-flag']);
    expect(result.code).toBe(exitCode);
    expect(result.stderr).toContain("Unknown option '--no-such-flag'");
    expect(result.stderr).toMatch(/^usage: /m);
  });

  test('refuses a positional argument', async () => {
    const result = await run(script, ['stray']);
    expect(result.code).toBe(exitCode);
    expect(result.stderr).toContain("Unexpected argument 'stray'");
  });
});
