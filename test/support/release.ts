/**
 * The release as users without a registry install it: scripts/package.mjs into a temporary folder (zips,
 * SHA256SUMS, the registry manifest, a packed filesystem mirror), and the CLI configuration that makes terraform
 * install the provider from that mirror alone (no dev_overrides, nothing fetched from the network).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './paths.js';
import type { TerraformWorkspace } from './terraform.js';

const execFileAsync = promisify(execFile);

export const PROVIDER_SOURCE = 'registry.terraform.io/kestra-iam/kestra';
export const PROVIDER_VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export interface Release {
  /** The folder package.mjs wrote: packages/, mirror/, bundle/. */
  readonly dir: string;
  readonly packagesDir: string;
  readonly mirrorDir: string;
  remove(): void;
}

/**
 * Runs scripts/package.mjs --no-build on the built dist/ into a fresh temporary folder, with `env` added to this
 * process's environment less any signing key of the developer's (KESTRA_PROVIDER_GPG_KEY): unsigned unless asked.
 */
export async function packageRelease(extraArgs: string[] = [], extraEnv: Record<string, string> = {}): Promise<Release> {
  const { KESTRA_PROVIDER_GPG_KEY: _developersKey, ...inherited } = process.env;
  const env = { ...inherited, ...extraEnv };
  if (!existsSync(join(REPO_ROOT, 'dist', 'provider', 'main.js'))) throw new Error('dist/ is not built: run npm run build first');
  // A folder of its own, so that a concurrent `npm run package` and the tests do not collide.
  const dir = mkdtempSync(join(tmpdir(), 'kestra-package-'));
  try {
    await execFileAsync(process.execPath, [join(REPO_ROOT, 'scripts', 'package.mjs'), '--no-build', '--quiet', '--out', dir, ...extraArgs], { cwd: REPO_ROOT, env });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    dir,
    packagesDir: join(dir, 'packages'),
    mirrorDir: join(dir, 'mirror'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Replaces the workspace's CLI configuration: the mirror answers for our namespace, and there is no `direct`, so
 * nothing can come from the network.
 */
export function installFromMirror(ws: TerraformWorkspace, mirrorDir: string): void {
  writeFileSync(
    join(ws.dir, 'terraform.tfrc'),
    `provider_installation {\n  filesystem_mirror {\n    path    = "${mirrorDir}"\n    include = ["registry.terraform.io/kestra-iam/*"]\n  }\n}\n`,
  );
}

/** The version and hashes .terraform.lock.hcl records for our provider. */
export function lockedHashes(lockFile: string): { version: string; hashes: string[] } {
  const text = readFileSync(lockFile, 'utf8');
  const block = text.match(new RegExp(`provider "${PROVIDER_SOURCE}" \\{([\\s\\S]*?)\\n\\}`));
  if (!block) throw new Error(`no ${PROVIDER_SOURCE} in the lock file:\n${text}`);
  const version = block[1]!.match(/version\s*=\s*"([^"]+)"/)?.[1] ?? '';
  const hashes = [...(block[1]!.match(/hashes\s*=\s*\[([\s\S]*?)\]/)?.[1] ?? '').matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
  return { version, hashes };
}
