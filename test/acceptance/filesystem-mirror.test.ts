/**
 * The distributable provider, installed the way users without a registry install it: scripts/package.mjs
 * builds the zips and a packed filesystem mirror; the real terraform installs from that mirror (no
 * dev_overrides, no network), records the package hash in .terraform.lock.hcl, and runs the quickstart with
 * the bundled provider against an in-process emulator.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { defer } from '../support/cleanup.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { REPO_ROOT } from '../support/paths.js';
import { useWorkspaces } from '../support/terraform.js';

const execFileAsync = promisify(execFile);

const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const SOURCE = 'registry.terraform.io/kestra-iam/kestra';
const PLATFORMS = ['linux_amd64', 'linux_arm64', 'darwin_amd64', 'darwin_arm64'];
const LAUNCHER = `terraform-provider-kestra_v${VERSION}`;
const HOST_PLATFORM = `${process.platform === 'win32' ? 'windows' : process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}`;
const zipName = (platform: string) => `terraform-provider-kestra_${VERSION}_${platform}.zip`;
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

const workspace = useWorkspaces();
let out: string;
let emulator: TestEmulator;

beforeAll(async () => {
  if (!existsSync(join(REPO_ROOT, 'dist', 'provider', 'main.js'))) throw new Error('dist/ is not built: run npm run build first');
  // Packages into a temporary directory so that a concurrent `npm run package` and this test do not collide.
  out = mkdtempSync(join(tmpdir(), 'kestra-package-'));
  await execFileAsync(process.execPath, [join(REPO_ROOT, 'scripts', 'package.mjs'), '--no-build', '--quiet', '--out', out], { cwd: REPO_ROOT });
  emulator = await startTestEmulator();
}, 120_000);

afterAll(async () => {
  await emulator?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

/** Go's dirhash Hash1 over a directory, which is what Terraform records as `h1:` (internal/getproviders/hash.go). */
function h1OfDirectory(dir: string): string {
  const names = readdirSync(dir).sort();
  const summary = names.map((name) => `${sha256(readFileSync(join(dir, name)))}  ${name}\n`).join('');
  return `h1:${createHash('sha256').update(summary).digest('base64')}`;
}

function lockedHashes(lockFile: string): { version: string; hashes: string[] } {
  const text = readFileSync(lockFile, 'utf8');
  const block = text.match(new RegExp(`provider "${SOURCE}" \\{([\\s\\S]*?)\\n\\}`));
  if (!block) throw new Error(`no ${SOURCE} in the lock file:\n${text}`);
  const version = block[1]!.match(/version\s*=\s*"([^"]+)"/)?.[1] ?? '';
  const hashes = [...(block[1]!.match(/hashes\s*=\s*\[([\s\S]*?)\]/)?.[1] ?? '').matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
  return { version, hashes };
}

test('package: a zip per platform, SHA256SUMS, a packed mirror, an executable launcher and no emulator code', () => {
  const sums = readFileSync(join(out, 'packages', `terraform-provider-kestra_${VERSION}_SHA256SUMS`), 'utf8');
  for (const platform of PLATFORMS) {
    const zip = readFileSync(join(out, 'packages', zipName(platform)));
    expect(sums).toContain(`${sha256(zip)}  ${zipName(platform)}\n`);
    const mirrored = readFileSync(join(out, 'mirror', ...SOURCE.split('/'), zipName(platform)));
    expect(sha256(mirrored)).toBe(sha256(zip));
  }
  const bundleDir = join(out, 'bundle');
  expect(statSync(join(bundleDir, LAUNCHER)).mode & 0o111).not.toBe(0);
  const bundle = readFileSync(join(bundleDir, 'kestra-provider.cjs'), 'utf8');
  expect(bundle).not.toMatch(/better-sqlite3|better_sqlite3/);
  expect(bundle).not.toMatch(/node_modules\/fastify/);
  // Only the launcher may match Terraform's executable lookup (terraform-provider-kestra followed by nothing, _ or .).
  expect(readdirSync(bundleDir).filter((f) => /^terraform-provider-kestra($|[_.])/.test(f))).toEqual([LAUNCHER]);
});

test('terraform installs the provider from the filesystem mirror, locks its hash, and runs the quickstart with it', async () => {
  if (!PLATFORMS.includes(HOST_PLATFORM)) return; // we publish no package for this machine
  const ws = workspace({
    env: { KESTRA_URL: emulator.url, KESTRA_USERNAME: emulator.adminUser, KESTRA_PASSWORD: emulator.adminPassword },
  });
  const mirror = join(out, 'mirror');
  // The workspace's CLI configuration, replaced: no dev_overrides, and no `direct` either, so nothing can be
  // fetched from the network; the mirror only answers for our namespace.
  writeFileSync(
    join(ws.dir, 'terraform.tfrc'),
    `provider_installation {\n  filesystem_mirror {\n    path    = "${mirror}"\n    include = ["registry.terraform.io/kestra-iam/*"]\n  }\n}\n`,
  );
  const example = readFileSync(join(REPO_ROOT, 'examples', 'quickstart', 'main.tf'), 'utf8');
  const pinned = example.replace(/source\s*=\s*"kestra-iam\/kestra"/, `source  = "kestra-iam/kestra"\n      version = "${VERSION}"`);
  expect(pinned).not.toBe(example);
  ws.writeConfig(pinned);

  const init = await ws.expect(['init', '-no-color', '-input=false']);
  expect(init.stdout).toContain(`Installed kestra-iam/kestra v${VERSION} (unauthenticated)`);
  expect(`${init.stdout}${init.stderr}`).not.toContain('development overrides');

  // The package Terraform unpacked, not a link back into this checkout.
  const installed = join(ws.dir, '.terraform', 'providers', ...SOURCE.split('/'), VERSION, HOST_PLATFORM);
  expect(lstatSync(join(installed, LAUNCHER)).isFile()).toBe(true);
  expect(readdirSync(installed).sort()).toEqual(['THIRD_PARTY_NOTICES.txt', 'kestra-provider.cjs', LAUNCHER].sort());

  // From a packed local mirror, Terraform 1.11 records the h1: hash of the package contents. A zh: hash
  // (SHA-256 of the zip) only comes from a registry's signed SHA256SUMS; should one appear, it must be the zip's.
  const lock = lockedHashes(join(ws.dir, '.terraform.lock.hcl'));
  expect(lock.version).toBe(VERSION);
  expect(lock.hashes).toContain(h1OfDirectory(installed));
  const zipSha = sha256(readFileSync(join(mirror, ...SOURCE.split('/'), zipName(HOST_PLATFORM))));
  for (const hash of lock.hashes.filter((h) => h.startsWith('zh:'))) expect(hash).toBe(`zh:${zipSha}`);

  await ws.apply();
  // Before the token is used: using an extended token moves its expires_at, which the next plan reports.
  expect((await ws.planExitCode()).code).toBe(0);
  const token = await ws.output('ci_bot_token');
  expect((await emulator.api.get('/api/v1/main/flows/search', { auth: { bearer: token } })).status).toBe(200);

  await ws.destroy();
  expect((await emulator.api.get('/api/v1/main/flows/search', { auth: { bearer: token } })).status).toBe(401);
}, 240_000);

test('the launcher explains a missing or too old Node.js, also to Terraform (on stdout)', async () => {
  const launcher = join(out, 'bundle', LAUNCHER);
  const fakeBin = mkdtempSync(join(tmpdir(), 'fake-node-'));
  defer(() => rmSync(fakeBin, { recursive: true, force: true }));
  const oldNode = join(fakeBin, 'node');
  writeFileSync(oldNode, '#!/bin/sh\necho v18.19.0\n');
  chmodSync(oldNode, 0o755);
  const run = (env: Record<string, string>) =>
    execFileAsync('/bin/sh', [launcher], { env: { PATH: '/usr/bin:/bin', ...env } }).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  const missing = await run({ KESTRA_PROVIDER_NODE: join(fakeBin, 'no-such-node'), TF_PLUGIN_MAGIC_COOKIE: 'x' });
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain('Node.js 20 or newer is required');
  expect(missing.stdout).toContain('was not found on PATH');

  const old = await run({ PATH: `${fakeBin}:/usr/bin:/bin` });
  expect(old.code).toBe(1);
  expect(old.stderr).toContain("but 'node' is v18.19.0");
  expect(old.stdout).toBe(''); // not launched by Terraform: stdout stays clean
});
