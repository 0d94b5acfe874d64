/**
 * The distributable provider, released and installed the way users without a registry install it:
 * scripts/package.mjs builds the zips, the Registry's release files (manifest, SHA256SUMS, its detached GPG
 * signature when given a key) and a packed filesystem mirror; the real terraform installs from that mirror (no
 * dev_overrides, no network), records the package hash in .terraform.lock.hcl (also for other platforms, with
 * `terraform providers lock`), and runs the quickstart with the bundled provider against an in-process emulator.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { defer } from '../support/cleanup.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { throwawayGpg, throwawaySigningKey } from '../support/gpg.js';
import { REPO_ROOT } from '../support/paths.js';
import { installFromMirror, lockedHashes, packageRelease, PROVIDER_SOURCE as SOURCE, PROVIDER_VERSION as VERSION, type Release } from '../support/release.js';
import { useWorkspaces } from '../support/terraform.js';

const execFileAsync = promisify(execFile);

const PLATFORMS = ['linux_amd64', 'linux_arm64', 'darwin_amd64', 'darwin_arm64'];
const LAUNCHER = `terraform-provider-kestra_v${VERSION}`;
const HOST_PLATFORM = `${process.platform === 'win32' ? 'windows' : process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}`;
const zipName = (platform: string) => `terraform-provider-kestra_${VERSION}_${platform}.zip`;
const SUMS = `terraform-provider-kestra_${VERSION}_SHA256SUMS`;
const MANIFEST = `terraform-provider-kestra_${VERSION}_manifest.json`;
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

const workspace = useWorkspaces();
let release: Release;
let out: string;
let emulator: TestEmulator;

beforeAll(async () => {
  release = await packageRelease();
  out = release.dir;
  emulator = await startTestEmulator();
}, 120_000);

afterAll(async () => {
  await emulator?.close();
  release?.remove();
});

/** Go's dirhash Hash1 over a directory, which is what Terraform records as `h1:` (internal/getproviders/hash.go). */
function h1OfDirectory(dir: string): string {
  const names = readdirSync(dir).sort();
  const summary = names.map((name) => `${sha256(readFileSync(join(dir, name)))}  ${name}\n`).join('');
  return `h1:${createHash('sha256').update(summary).digest('base64')}`;
}

/** The h1: hash of a zip's contents, from the files python's zipfile unpacks (Terraform hashes what it unpacks). */
async function h1OfZip(zip: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'unzipped-'));
  defer(() => rmSync(dir, { recursive: true, force: true }));
  await execFileAsync('python3', ['-m', 'zipfile', '-e', zip, dir]);
  return h1OfDirectory(dir);
}

test('package: a zip per platform, the registry manifest, SHA256SUMS of both, a packed mirror, an executable launcher and no emulator code', () => {
  const sums = readFileSync(join(out, 'packages', SUMS), 'utf8');
  // Exactly the release assets the Terraform Registry reads, each listed once with its SHA-256, and no signature
  // without a key.
  expect(readdirSync(join(out, 'packages')).sort()).toEqual([MANIFEST, SUMS, ...PLATFORMS.map(zipName)].sort());
  const listed = sums.trimEnd().split('\n').map((line) => line.split('  ')[1]);
  expect(listed.sort()).toEqual([MANIFEST, ...PLATFORMS.map(zipName)].sort());
  const manifest = readFileSync(join(out, 'packages', MANIFEST));
  expect(JSON.parse(manifest.toString('utf8'))).toEqual({ version: 1, metadata: { protocol_versions: ['6.0'] } });
  expect(manifest.equals(readFileSync(join(REPO_ROOT, 'terraform-registry-manifest.json')))).toBe(true);
  expect(sums).toContain(`${sha256(manifest)}  ${MANIFEST}\n`);
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

// No package is published for other machines: there the case is reported as skipped, not passed.
const onPublishedPlatform = PLATFORMS.includes(HOST_PLATFORM) ? test : test.skip;

onPublishedPlatform('terraform installs the provider from the filesystem mirror, locks its hash, and runs the quickstart with it', async () => {
  const ws = workspace({
    env: { KESTRA_URL: emulator.url, KESTRA_USERNAME: emulator.adminUser, KESTRA_PASSWORD: emulator.adminPassword },
  });
  const mirror = release.mirrorDir;
  installFromMirror(ws, mirror);
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
  expect(readdirSync(installed).sort()).toEqual(['THIRD_PARTY_NOTICES.txt', 'attach.bash', 'kestra-provider.cjs', LAUNCHER].sort());

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

test('a GPG key signs SHA256SUMS (--gpg-key or KESTRA_PROVIDER_GPG_KEY): the published public key alone verifies it, and no longer once a byte changes', async () => {
  // The publisher: a throwaway RSA signing key, no passphrase.
  const { gpg: publisher, fingerprint, publicKey } = await throwawaySigningKey();

  const byFlag = await packageRelease(['--gpg-key', fingerprint], publisher.env);
  defer(() => byFlag.remove());
  const byEnv = await packageRelease([], { ...publisher.env, KESTRA_PROVIDER_GPG_KEY: fingerprint });
  defer(() => byEnv.remove());

  // A user: only the public key as published (with the Registry, or next to the release), in a keyring of their own.
  const user = throwawayGpg();
  const keyFile = join(byFlag.dir, 'signing-key.asc');
  writeFileSync(keyFile, publicKey);
  await user.run(['--import', keyFile]);
  for (const signed of [byFlag, byEnv]) {
    const sums = join(signed.packagesDir, SUMS);
    expect(readdirSync(signed.packagesDir)).toContain(`${SUMS}.sig`);
    // Binary, detached: what Terraform reads from a registry's shasums_signature_url.
    expect(readFileSync(`${sums}.sig`).subarray(0, 27).toString('latin1')).not.toContain('-----BEGIN PGP');
    const verified = await user.run(['--status-fd', '1', '--verify', `${sums}.sig`, sums]);
    expect(verified.stdout).toMatch(new RegExp(`^\\[GNUPG:\\] VALIDSIG ${fingerprint} `, 'm'));

    writeFileSync(sums, readFileSync(sums, 'utf8').replace(/^[0-9a-f]/, (c) => (c === '0' ? '1' : '0')));
    await expect(user.run(['--verify', `${sums}.sig`, sums])).rejects.toMatchObject({ stderr: expect.stringContaining('BAD signature') });
  }
}, 120_000);

test('a key gpg cannot sign with stops the release with gpg\'s reason', async () => {
  const empty = throwawayGpg();
  await expect(packageRelease(['--gpg-key', 'nobody@example.invalid'], empty.env)).rejects.toMatchObject({
    code: 1,
    stderr: expect.stringMatching(/gpg could not sign .*SHA256SUMS with key nobody@example\.invalid[\s\S]*No secret key/),
  });
});

test('terraform providers lock records, from the mirror, the hash of every platform asked for, and init on this machine accepts it', async () => {
  const ws = workspace();
  installFromMirror(ws, release.mirrorDir);
  ws.writeConfig(`terraform {\n  required_providers {\n    kestra = { source = "kestra-iam/kestra", version = "${VERSION}" }\n  }\n}\n`);
  const platforms = ['linux_amd64', 'darwin_arm64'];
  const lock = await ws.expect(['providers', 'lock', '-no-color', `-fs-mirror=${release.mirrorDir}`, ...platforms.map((p) => `-platform=${p}`)]);
  for (const platform of platforms) expect(lock.stdout).toContain(`Obtained kestra-iam/kestra checksums for ${platform}`);

  const locked = lockedHashes(join(ws.dir, '.terraform.lock.hcl'));
  expect(locked.version).toBe(VERSION);
  const mirrored = (platform: string) => join(release.mirrorDir, ...SOURCE.split('/'), zipName(platform));
  for (const platform of platforms) expect(locked.hashes).toContain(await h1OfZip(mirrored(platform)));
  // The packages are identical (one JavaScript bundle), so one h1: hash stands for every platform.
  expect(new Set(locked.hashes)).toEqual(new Set([await h1OfZip(mirrored('linux_amd64'))]));

  // A team commits this lock file; init elsewhere verifies its download against it and leaves it as it is.
  const before = ws.readFile('.terraform.lock.hcl');
  if (PLATFORMS.includes(HOST_PLATFORM)) {
    await ws.expect(['init', '-no-color', '-input=false', '-lockfile=readonly']);
    expect(ws.readFile('.terraform.lock.hcl')).toBe(before);
  }
});
