#!/usr/bin/env node
// Packages the provider for distribution: the CommonJS bundle of scripts/bundle.mjs (no node_modules, no
// .proto files at run time) plus a small sh launcher that finds Node.js 20+ and execs it on the bundle, or on
// a startup snapshot of it: the same launcher bin/ uses, so a package starts as fast as a checkout. The
// bundle is platform-independent, so the per-platform zips only differ by name (Terraform picks a package by
// OS_ARCH). Outputs, under dist/ (or --out DIR):
//
//   bundle/                                        the package contents (launcher, bundle, third-party notices)
//   packages/terraform-provider-kestra_<v>_<os>_<arch>.zip, …_manifest.json, …_SHA256SUMS   release assets, as
//            the Terraform Registry expects them (the manifest is terraform-registry-manifest.json, SHA256SUMS
//            lists the zips and the manifest), and …_SHA256SUMS.sig, a detached GPG signature, when a key is given
//   mirror/registry.terraform.io/kestra-iam/kestra/terraform-provider-kestra_<v>_<os>_<arch>.zip   packed mirror
//
// usage: node scripts/package.mjs [--no-build] [--out DIR] [--gpg-key ID] [--quiet]
//   --gpg-key ID (or KESTRA_PROVIDER_GPG_KEY=ID): the key gpg signs SHA256SUMS with, from gpg's keyring
//   ($GNUPGHOME or ~/.gnupg); it must sign without a prompt (no passphrase, or one cached by gpg-agent).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { deflateRawSync, crc32 } from 'node:zlib';
import * as esbuild from 'esbuild';
import { ATTACH_SCRIPT_NAME, BUNDLE_NAME, MIN_NODE_MAJOR, attachScript, bundleProvider, launchScript } from './bundle.mjs';

export { BUNDLE_NAME, MIN_NODE_MAJOR, bundleOptions } from './bundle.mjs';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const PROVIDER_TYPE = 'kestra';
export const PROVIDER_SOURCE = 'registry.terraform.io/kestra-iam/kestra';
/** The platforms we publish; the JS bundle runs on any of them, only the package names differ. */
export const PLATFORMS = ['linux_amd64', 'linux_arm64', 'darwin_amd64', 'darwin_arm64'];
export const NOTICES_NAME = 'THIRD_PARTY_NOTICES.txt';

export const HANDSHAKE_ENV = {
  TF_PLUGIN_MAGIC_COOKIE: 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2',
  PLUGIN_PROTOCOL_VERSIONS: '6',
};

export function packageVersion() {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version;
}

export const launcherName = (version) => `terraform-provider-${PROVIDER_TYPE}_v${version}`;
export const zipName = (version, platform) => `terraform-provider-${PROVIDER_TYPE}_${version}_${platform}.zip`;
export const sumsName = (version) => `terraform-provider-${PROVIDER_TYPE}_${version}_SHA256SUMS`;
export const manifestName = (version) => `terraform-provider-${PROVIDER_TYPE}_${version}_manifest.json`;
/** The registry manifest, committed at the repository root as the Registry's publishing docs ask. */
export const REGISTRY_MANIFEST = join(REPO_ROOT, 'terraform-registry-manifest.json');
export const GPG_KEY_ENV = 'KESTRA_PROVIDER_GPG_KEY';

/** Terraform's OS_ARCH for this machine (what `terraform version` calls the platform). */
export function hostPlatform() {
  const os = { linux: 'linux', darwin: 'darwin', win32: 'windows', freebsd: 'freebsd' }[process.platform] ?? process.platform;
  const arch = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' }[process.arch] ?? process.arch;
  return `${os}_${arch}`;
}

export const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/**
 * The `h1:` hash Terraform records in .terraform.lock.hcl for a package: Go's dirhash Hash1, the SHA-256 of
 * "<sha256 hex>  <name>\n" lines sorted by file name (internal/getproviders/hash.go PackageHashV1).
 */
export function h1Hash(files) {
  const summary = [...files]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((f) => `${sha256(f.data)}  ${f.name}\n`)
    .join('');
  return `h1:${createHash('sha256').update(summary).digest('base64')}`;
}

async function launcherScript(version, id) {
  return `#!/bin/sh
# terraform-provider-kestra ${version}. Terraform runs this file; it runs the bundled provider next to it
# (${BUNDLE_NAME}) with Node.js ${MIN_NODE_MAJOR} or newer: \`node\` from PATH, or $KESTRA_PROVIDER_NODE when set.
case $0 in */*) launch=\${0%/*} ;; *) launch=. ;; esac
${await launchScript(id)}`;
}

function thirdPartyNotices(packages) {
  const sections = [];
  for (const pkg of packages) {
    if (!pkg.dir) continue;
    const manifest = JSON.parse(readFileSync(join(pkg.dir, 'package.json'), 'utf8'));
    const licenseFile = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license', 'LICENCE', 'LICENSE-MIT']
      .map((f) => join(pkg.dir, f))
      .find((f) => existsSync(f));
    const text = licenseFile ? readFileSync(licenseFile, 'utf8').trim() : `License: ${manifest.license ?? 'see package'}`;
    sections.push(`${manifest.name} ${manifest.version} (${manifest.license ?? 'unknown license'})\n${'-'.repeat(60)}\n${text}\n`);
  }
  return `terraform-provider-kestra bundles the following npm packages:\n\n${sections.join('\n\n')}`;
}

// ---- deterministic zip (stored modes, fixed timestamps) so that the same inputs give the same zip and hash ----

function dosDateTime(date) {
  const year = Math.max(date.getUTCFullYear(), 1980);
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/** files: [{ name, data: Buffer, mode }]; Unix permissions go into the external attributes, which Terraform applies. */
export function createZip(files, mtime = new Date(Date.UTC(1980, 0, 1))) {
  const { time, date } = dosDateTime(mtime);
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const compressed = deflateRawSync(file.data, { level: 9 });
    const crc = crc32(file.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the external attributes are permissions
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((0o100000 | file.mode) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const centralDir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralDir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDir, end]);
}

/** Starts `command` as Terraform would (magic cookie, protocol 6, no client certificate → plaintext) and resolves with ms until the handshake line. */
export function timeHandshake(command, args = [], { env = {}, timeoutMs = 20_000 } = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TF_') && !k.startsWith('PLUGIN_')));
    const child = spawn(command, args, { env: { ...baseEnv, ...HANDSHAKE_ENV, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let done = false;
    const finish = (error, ms, line) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      if (error) reject(error);
      else resolve({ ms, line });
    };
    const timer = setTimeout(() => finish(new Error(`no handshake from ${command} within ${timeoutMs} ms\n${stderr}`)), timeoutMs);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const line = stdout.slice(0, newline);
      if (/^1\|6\|(tcp|unix)\|[^|]+\|grpc\|/.test(line)) finish(undefined, ms, line);
      else finish(new Error(`unexpected first stdout line from ${command}: ${line}\n${stderr}`));
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => finish(error));
    child.on('exit', (code) => finish(new Error(`${command} exited ${code} before the handshake\n${stderr}`)));
  });
}

/**
 * Signs `file` with gpg as `key` into `<file>.sig` (binary, detached: what the Registry and Terraform read), then
 * checks the signature, so that a wrong key or a failed signing stops the release here.
 */
function signDetached(file, key) {
  const signature = `${file}.sig`;
  const gpg = (args) => spawnSync('gpg', ['--batch', '--yes', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const signed = gpg(['--local-user', key, '--output', signature, '--detach-sign', file]);
  if (signed.status !== 0) {
    throw new Error(`gpg could not sign ${file} with key ${key} (${signed.error?.message ?? `exit ${signed.status}`})\n${signed.stderr}`);
  }
  const verified = gpg(['--verify', signature, file]);
  if (verified.status !== 0) throw new Error(`gpg does not verify the signature it just made of ${file}\n${verified.stderr}`);
  return signature;
}

function run(command, args, quiet) {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`})${quiet ? `\n${result.stdout}\n${result.stderr}` : ''}`);
  }
}

/** Builds (unless build: false), bundles, zips and lays out the mirror. Returns paths, hashes and sizes. */
export async function packageProvider({ build = true, outDir = join(REPO_ROOT, 'dist'), gpgKey, log = console.log } = {}) {
  const version = packageVersion();
  if (build) {
    log('building dist/ (npm run build)…');
    run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], true);
  }
  const entry = join(REPO_ROOT, 'dist', 'provider', 'launch', 'entry.js');
  if (!existsSync(entry)) throw new Error(`${relative(REPO_ROOT, entry)} is missing: run npm run build first (or drop --no-build)`);

  const bundleDir = join(outDir, 'bundle');
  const packagesDir = join(outDir, 'packages');
  const mirrorDir = join(outDir, 'mirror');
  const mirrorPackageDir = join(mirrorDir, ...PROVIDER_SOURCE.split('/'));
  for (const dir of [bundleDir, packagesDir, mirrorDir]) rmSync(dir, { recursive: true, force: true });
  mkdirSync(bundleDir, { recursive: true });
  mkdirSync(packagesDir, { recursive: true });
  mkdirSync(mirrorPackageDir, { recursive: true });

  log(`bundling ${relative(REPO_ROOT, entry)} with esbuild ${esbuild.version}…`);
  const { bundlePath, id, metafile, packages } = await bundleProvider({ outDir: bundleDir });
  writeFileSync(join(bundleDir, 'metafile.json'), JSON.stringify(metafile));

  const launcherPath = join(bundleDir, launcherName(version));
  writeFileSync(launcherPath, await launcherScript(version, id));
  chmodSync(launcherPath, 0o755);
  writeFileSync(join(bundleDir, ATTACH_SCRIPT_NAME), await attachScript(id));
  writeFileSync(join(bundleDir, NOTICES_NAME), thirdPartyNotices(packages));

  // The bundle must come up on its own, from a directory with no node_modules around it (and without a
  // snapshot, so that packaging leaves nothing in the user's cache).
  const smoke = await timeHandshake(launcherPath, [], { env: { KESTRA_PROVIDER_SNAPSHOT: '0' } });
  log(`smoke test: ${launcherName(version)} answered the go-plugin handshake in ${smoke.ms.toFixed(0)} ms`);

  const files = [
    { name: launcherName(version), data: readFileSync(launcherPath), mode: 0o755 },
    { name: BUNDLE_NAME, data: readFileSync(bundlePath), mode: 0o644 },
    { name: ATTACH_SCRIPT_NAME, data: readFileSync(join(bundleDir, ATTACH_SCRIPT_NAME)), mode: 0o644 },
    { name: NOTICES_NAME, data: readFileSync(join(bundleDir, NOTICES_NAME)), mode: 0o644 },
  ];
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  const zip = createZip(files, Number.isFinite(epoch) && epoch > 0 ? new Date(epoch * 1000) : undefined);
  const zipSha = sha256(zip);
  const zips = [];
  for (const platform of PLATFORMS) {
    const name = zipName(version, platform);
    const path = join(packagesDir, name);
    writeFileSync(path, zip);
    cpSync(path, join(mirrorPackageDir, name));
    zips.push({ platform, name, path, mirrorPath: join(mirrorPackageDir, name), sha256: zipSha });
  }
  // What the Terraform Registry reads from a release to learn the protocol version; SHA256SUMS must list it too.
  const manifestPath = join(packagesDir, manifestName(version));
  cpSync(REGISTRY_MANIFEST, manifestPath);
  const summed = [...zips.map((z) => ({ name: z.name, sha256: z.sha256 })), { name: manifestName(version), sha256: sha256(readFileSync(manifestPath)) }];
  const sumsPath = join(packagesDir, sumsName(version));
  writeFileSync(sumsPath, summed.sort((a, b) => (a.name < b.name ? -1 : 1)).map((f) => `${f.sha256}  ${f.name}\n`).join(''));
  const signaturePath = gpgKey ? signDetached(sumsPath, gpgKey) : undefined;

  return {
    version,
    bundleDir,
    bundlePath,
    bundleId: id,
    launcherPath,
    packagesDir,
    manifestPath,
    sumsPath,
    signaturePath,
    mirrorDir,
    zips,
    h1: h1Hash(files),
    zipBytes: zip.length,
    bundleBytes: statSync(bundlePath).size,
    packages,
    smokeMs: smoke.ms,
  };
}

const USAGE = 'usage: node scripts/package.mjs [--no-build] [--out DIR] [--gpg-key ID] [--quiet]';

function parseCli(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'no-build': { type: 'boolean', default: false },
        out: { type: 'string', default: join(REPO_ROOT, 'dist') },
        'gpg-key': { type: 'string' },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    console.error(`package: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (!values.out) {
    console.error(`package: --out needs a directory\n${USAGE}`);
    process.exit(2);
  }
  const gpgKey = values['gpg-key'] ?? process.env[GPG_KEY_ENV];
  if (gpgKey === '') {
    console.error(`package: --gpg-key (or ${GPG_KEY_ENV}) needs a key id, fingerprint or user id\n${USAGE}`);
    process.exit(2);
  }
  return { build: !values['no-build'], outDir: values.out, gpgKey, quiet: values.quiet };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;

async function main() {
  const options = parseCli(process.argv.slice(2));
  const log = options.quiet ? () => {} : console.log;
  const out = await packageProvider({ build: options.build, outDir: options.outDir, gpgKey: options.gpgKey, log });
  const rel = (p) => relative(process.cwd(), p) || '.';
  log(`\nterraform-provider-kestra ${out.version}: bundle ${kb(out.bundleBytes)}, zip ${kb(out.zipBytes)} (${out.packages.length - 1} npm packages inlined)`);
  log(`packages (${rel(out.packagesDir)}):`);
  for (const z of out.zips) log(`  ${z.name}  sha256 ${z.sha256}`);
  log(`  ${manifestName(out.version)}`);
  log(`  ${sumsName(out.version)}`);
  if (out.signaturePath) log(`  ${sumsName(out.version)}.sig  (signed by ${options.gpgKey}; check with: gpg --verify ${rel(out.signaturePath)} ${rel(out.sumsPath)})`);
  else log(`  (not signed: --gpg-key ID or ${GPG_KEY_ENV}=ID signs SHA256SUMS)`);
  log(`filesystem mirror (packed layout): ${rel(out.mirrorDir)}`);
  log(`.terraform.lock.hcl from this mirror: ${out.h1} (the same on every platform: identical contents; Terraform records`);
  log(`  no zh: for a local mirror, only a registry's SHA256SUMS gives zh:${out.zips[0].sha256})`);
  log(`use it with a CLI configuration like:
  provider_installation {
    filesystem_mirror {
      path    = "${out.mirrorDir}"
      include = ["registry.terraform.io/kestra-iam/*"]
    }
    direct { exclude = ["registry.terraform.io/kestra-iam/*"] }
  }`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(`package: ${error.message}`);
    process.exit(1);
  });
}
