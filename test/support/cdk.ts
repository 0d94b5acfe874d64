/**
 * The CDK example apps (examples/cdktf, examples/cdktn) synthesized as a user's CI would, without the CLI: the
 * app is compiled with its own tsconfig (CommonJS) and run with plain node.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { defer } from './cleanup.js';
import { REPO_ROOT } from './paths.js';

const run = promisify(execFile);

export type CdkFlavor = 'cdktf' | 'cdktn';

/**
 * Compiles examples/<flavor> outside the repository (removed after the test) and runs it in `cwd`; returns the path
 * of the synthesized stack's JSON.
 */
export async function synthesizeExample(flavor: CdkFlavor, cwd: string, stack = 'kestra-iam'): Promise<string> {
  const buildDir = mkdtempSync(join(tmpdir(), `${flavor}-example-`));
  defer(() => rmSync(buildDir, { recursive: true, force: true }));
  const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  await run(process.execPath, [tsc, '-p', join(REPO_ROOT, 'examples', flavor, 'tsconfig.json'), '--outDir', buildDir]);
  const outdir = join(cwd, 'cdktf.out');
  await run(process.execPath, [join(buildDir, 'examples', flavor, 'main.js')], {
    cwd,
    // The compiled app lives outside the repository: NODE_PATH finds the CDK library and constructs in its node_modules.
    env: { ...process.env, CDKTF_OUTDIR: outdir, NODE_PATH: join(REPO_ROOT, 'node_modules'), CHECKPOINT_DISABLE: '1' },
  });
  return join(outdir, 'stacks', stack, 'cdk.tf.json');
}
