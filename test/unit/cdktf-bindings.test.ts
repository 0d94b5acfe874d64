/**
 * The committed CDK bindings, both flavours (cdktf/kestra/src/ for CDKTF, cdktn/kestra/src/ for cdktn), are what
 * their generator makes of the built provider's schema, and `--check` notices when they are not. Needs the built
 * provider (dist/), like `npm run cdktf:check`.
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

test('the committed bindings of both flavours are current (npm run cdktf:check)', async () => {
  const result = await runScript(['--check']);
  if (result.code !== 0) throw new Error(`cdktf:check failed (exit ${result.code}):\n${result.stderr}${result.stdout}`);
  expect(result.stdout).toMatch(/^cdktf\/kestra\/src\/ is up to date/m);
  expect(result.stdout).toMatch(/^cdktn\/kestra\/src\/ is up to date/m);
});

/** A copy of a committed package (without its compiled lib/), removed after the test. */
function copyPackage(flavor: string): string {
  const copy = mkdtempSync(join(tmpdir(), `${flavor}-stale-`));
  const built = join(REPO_ROOT, flavor, 'kestra', 'lib');
  cpSync(join(REPO_ROOT, flavor, 'kestra'), copy, { recursive: true, filter: (path) => !path.startsWith(built) });
  return copy;
}

test.each(['cdktf', 'cdktn'])('--check fails and names the files when the %s bindings are stale', async (flavor) => {
  const copy = copyPackage(flavor);
  try {
    writeFileSync(join(copy, 'src', 'role', 'index.ts'), '// edited by hand\n');
    writeFileSync(join(copy, 'src', 'leftover.ts'), 'export {};\n');
    rmSync(join(copy, 'src', 'api-token'), { recursive: true });

    const result = await runScript(['--check', '--flavor', flavor, '--package', copy]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`the committed ${flavor} bindings`);
    expect(result.stderr).toMatch(/stale/);
    expect(result.stderr).toMatch(/outdated: role\/index\.ts/);
    expect(result.stderr).toMatch(/extra: +leftover\.ts/);
    expect(result.stderr).toMatch(/missing: +api-token\/index\.ts/);
    expect(result.stderr).toMatch(/npm run cdktf:generate/);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});

test('the bindings of one flavour are not those of the other: each is checked against its own generator', async () => {
  const copy = copyPackage('cdktn');
  try {
    rmSync(join(copy, 'src'), { recursive: true });
    cpSync(join(REPO_ROOT, 'cdktf', 'kestra', 'src'), join(copy, 'src'), { recursive: true });
    const result = await runScript(['--check', '--flavor', 'cdktn', '--package', copy]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/outdated: service-account\/index\.ts/);
    expect(result.stderr).toMatch(/missing: +ephemeral-kestra-api-token\/index\.ts/);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});

test.each([
  [['--package', '/tmp/x'], '--package needs --flavor'],
  [['--flavor', 'pulumi'], "--flavor must be one of cdktf, cdktn, got 'pulumi'"],
])('refuses %j before generating anything', async (args, message) => {
  const result = await runScript(args);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(message);
  expect(result.stderr).toMatch(/^usage: /m);
});
