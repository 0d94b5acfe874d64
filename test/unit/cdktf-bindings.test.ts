/**
 * The committed CDKTF bindings (cdktf/kestra/src/) are what the generator makes of the built provider's schema,
 * and `--check` notices when they are not. Needs the built provider (dist/), like `npm run cdktf:check`.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/paths.js';

const SCRIPT = join(REPO_ROOT, 'scripts', 'generate-cdktf-bindings.mjs');

function runScript(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, ...args], { cwd: REPO_ROOT }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

test('the committed bindings are current (npm run cdktf:check)', async () => {
  const result = await runScript(['--check']);
  if (result.code !== 0) throw new Error(`cdktf:check failed (exit ${result.code}):\n${result.stderr}${result.stdout}`);
  expect(result.stdout).toMatch(/cdktf\/kestra\/src\/ is up to date/);
});

test('--check fails and names the files when the bindings are stale', async () => {
  const copy = mkdtempSync(join(tmpdir(), 'cdktf-stale-'));
  try {
    const built = join(REPO_ROOT, 'cdktf', 'kestra', 'lib');
    cpSync(join(REPO_ROOT, 'cdktf', 'kestra'), copy, { recursive: true, filter: (path) => !path.startsWith(built) });
    writeFileSync(join(copy, 'src', 'role', 'index.ts'), '// edited by hand\n');
    writeFileSync(join(copy, 'src', 'leftover.ts'), 'export {};\n');
    rmSync(join(copy, 'src', 'api-token'), { recursive: true });

    const result = await runScript(['--check', '--package', copy]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/stale/);
    expect(result.stderr).toMatch(/outdated: role\/index\.ts/);
    expect(result.stderr).toMatch(/extra: +leftover\.ts/);
    expect(result.stderr).toMatch(/missing: +api-token\/index\.ts/);
    expect(result.stderr).toMatch(/npm run cdktf:generate/);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});
