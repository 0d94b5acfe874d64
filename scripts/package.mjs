#!/usr/bin/env node
// Packages the provider for distribution: one esbuild bundle of dist/provider/main.js (no node_modules, no
// .proto files at run time) plus a small sh launcher that finds Node.js 20+ and execs it on the bundle. The
// bundle is platform-independent, so the per-platform zips only differ by name (Terraform picks a package by
// OS_ARCH). Outputs, under dist/ (or --out DIR):
//
//   bundle/                                        the package contents (launcher, bundle, third-party notices)
//   packages/terraform-provider-kestra_<v>_<os>_<arch>.zip, …_SHA256SUMS, …_manifest.json   release assets
//   mirror/registry.terraform.io/kestra-iam/kestra/terraform-provider-kestra_<v>_<os>_<arch>.zip   packed mirror
//
// usage: node scripts/package.mjs [--no-build] [--out DIR] [--quiet]
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateRawSync, crc32 } from 'node:zlib';
import * as esbuild from 'esbuild';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const PROVIDER_TYPE = 'kestra';
export const PROVIDER_SOURCE = 'registry.terraform.io/kestra-iam/kestra';
/** The platforms we publish; the JS bundle runs on any of them, only the package names differ. */
export const PLATFORMS = ['linux_amd64', 'linux_arm64', 'darwin_amd64', 'darwin_arm64'];
/** Named so that Terraform's executable lookup (first `terraform-provider-kestra[_.]…` entry) can only pick the launcher. */
export const BUNDLE_NAME = 'kestra-provider.mjs';
export const NOTICES_NAME = 'THIRD_PARTY_NOTICES.txt';
/** Packages only the emulator uses; finding one in the provider bundle is a packaging bug. */
const EMULATOR_ONLY = ['better-sqlite3', 'fastify', 'openapi-backend'];
export const MIN_NODE_MAJOR = 20;

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

function launcherScript(version) {
  return `#!/bin/sh
# terraform-provider-kestra ${version}. Terraform runs this file; it runs the bundled provider next to it
# (${BUNDLE_NAME}) with Node.js ${MIN_NODE_MAJOR} or newer: \`node\` from PATH, or $KESTRA_PROVIDER_NODE when set.
node=\${KESTRA_PROVIDER_NODE:-node}
fail() {
  echo "terraform-provider-kestra: $*" >&2
  # Terraform only logs a plugin's stderr, but quotes its first stdout line in the error it shows.
  if [ -n "$TF_PLUGIN_MAGIC_COOKIE" ]; then echo "terraform-provider-kestra: $*"; fi
  exit 1
}
version=$("$node" --version 2>/dev/null) || fail "Node.js ${MIN_NODE_MAJOR} or newer is required, but '$node' was not found on PATH. Install it (https://nodejs.org/en/download or your package manager), or set KESTRA_PROVIDER_NODE to the path of a node executable."
major=\${version#v}
major=\${major%%.*}
case $major in
  '' | *[!0-9]*) fail "could not read the version of '$node' (it printed '$version'); Node.js ${MIN_NODE_MAJOR} or newer is required." ;;
esac
[ "$major" -ge ${MIN_NODE_MAJOR} ] || fail "Node.js ${MIN_NODE_MAJOR} or newer is required, but '$node' is $version. Upgrade it, or set KESTRA_PROVIDER_NODE to the path of a newer node executable."
case $0 in */*) dir=\${0%/*} ;; *) dir=. ;; esac
exec "$node" "$dir/${BUNDLE_NAME}" "$@"
`;
}

function refuseEmulatorDependenciesPlugin() {
  const filter = new RegExp(`^(${EMULATOR_ONLY.join('|')})(/|$)`);
  return {
    name: 'refuse-emulator-dependencies',
    setup(build) {
      build.onResolve({ filter }, (args) => ({
        errors: [{ text: `${args.path} is emulator-only and must not reach the provider bundle (imported by ${relative(REPO_ROOT, args.importer)})` }],
      }));
    },
  };
}

/** Options shared with bench/package-size-startup.mjs (which builds a CommonJS variant for the SEA experiment). */
export function bundleOptions({ entry = join(REPO_ROOT, 'dist', 'provider', 'main.js'), outfile, format = 'esm', plugins = [] } = {}) {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format,
    minify: true,
    // undici's webidl builds error messages from constructor names.
    keepNames: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent',
    // CommonJS dependencies call require() for Node built-ins; an ESM bundle has no require of its own. Some
    // also mention __dirname in lazily loaded code paths (grpc-js channelz), which must at least not throw.
    banner:
      format === 'esm'
        ? {
            js:
              "import { createRequire as __kpRequire } from 'node:module'; import { fileURLToPath as __kpPath } from 'node:url'; import { dirname as __kpDir } from 'node:path';" +
              ' const require = __kpRequire(import.meta.url); const __filename = __kpPath(import.meta.url); const __dirname = __kpDir(__filename);',
          }
        : undefined,
    plugins: [refuseEmulatorDependenciesPlugin(), ...plugins],
  };
}

/** Bundled npm packages with their on-disk directories, from an esbuild metafile, and bytes each contributes. */
export function bundledPackages(metafile) {
  const packages = new Map();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs ?? {})) {
      const match = input.match(/^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//);
      const name = match ? match[2] : '(provider)';
      const entry = packages.get(name) ?? { name, dir: match ? join(REPO_ROOT, match[1]) : undefined, bytes: 0 };
      entry.bytes += bytesInOutput;
      packages.set(name, entry);
    }
  }
  return [...packages.values()].sort((a, b) => b.bytes - a.bytes);
}

function assertOnlyBuiltinImports(metafile) {
  const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
  const stray = Object.values(metafile.outputs)
    .flatMap((o) => o.imports ?? [])
    // node:sqlite is newer than Node 20's built-in list; undici only loads it for its optional SQLite cache.
    .filter((i) => i.external && !builtins.has(i.path) && !i.path.startsWith('node:'))
    .map((i) => i.path);
  if (stray.length > 0) throw new Error(`the bundle still imports non-built-in modules at run time: ${[...new Set(stray)].join(', ')}`);
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

function run(command, args, quiet) {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`})${quiet ? `\n${result.stdout}\n${result.stderr}` : ''}`);
  }
}

/** Builds (unless build: false), bundles, zips and lays out the mirror. Returns paths, hashes and sizes. */
export async function packageProvider({ build = true, outDir = join(REPO_ROOT, 'dist'), log = console.log } = {}) {
  const version = packageVersion();
  if (build) {
    log('building dist/ (npm run build)…');
    run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], true);
  }
  const entry = join(REPO_ROOT, 'dist', 'provider', 'main.js');
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
  const bundlePath = join(bundleDir, BUNDLE_NAME);
  const result = await esbuild.build(bundleOptions({ entry, outfile: bundlePath }));
  assertOnlyBuiltinImports(result.metafile);
  const packages = bundledPackages(result.metafile);
  const bundleText = readFileSync(bundlePath, 'utf8');
  for (const name of EMULATOR_ONLY) {
    if (packages.some((p) => p.name === name) || bundleText.includes(`node_modules/${name}`)) throw new Error(`${name} ended up in the provider bundle`);
  }
  writeFileSync(join(bundleDir, 'metafile.json'), JSON.stringify(result.metafile));

  const launcherPath = join(bundleDir, launcherName(version));
  writeFileSync(launcherPath, launcherScript(version));
  chmodSync(launcherPath, 0o755);
  writeFileSync(join(bundleDir, NOTICES_NAME), thirdPartyNotices(packages));

  // The bundle must come up on its own, from a directory with no node_modules around it.
  const smoke = await timeHandshake(launcherPath);
  log(`smoke test: ${launcherName(version)} answered the go-plugin handshake in ${smoke.ms.toFixed(0)} ms`);

  const files = [
    { name: launcherName(version), data: readFileSync(launcherPath), mode: 0o755 },
    { name: BUNDLE_NAME, data: readFileSync(bundlePath), mode: 0o644 },
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
  const sumsPath = join(packagesDir, sumsName(version));
  writeFileSync(sumsPath, zips.map((z) => `${z.sha256}  ${z.name}\n`).join(''));
  // What the Terraform Registry reads from a release to learn the protocol version (goreleaser's *_manifest.json).
  writeFileSync(join(packagesDir, `terraform-provider-${PROVIDER_TYPE}_${version}_manifest.json`), `${JSON.stringify({ version: 1, metadata: { protocol_versions: ['6.0'] } }, null, 2)}\n`);

  return {
    version,
    bundleDir,
    bundlePath,
    launcherPath,
    packagesDir,
    sumsPath,
    mirrorDir,
    zips,
    h1: h1Hash(files),
    zipBytes: zip.length,
    bundleBytes: statSync(bundlePath).size,
    packages,
    smokeMs: smoke.ms,
  };
}

function parseArgs(argv) {
  const options = { build: true, outDir: join(REPO_ROOT, 'dist'), quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--no-build') options.build = false;
    else if (arg === '--quiet') options.quiet = true;
    else if (arg === '--out') options.outDir = argv[++i];
    else if (arg.startsWith('--out=')) options.outDir = arg.slice('--out='.length);
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: node scripts/package.mjs [--no-build] [--out DIR] [--quiet]');
      process.exit(0);
    } else {
      console.error(`package: unknown argument ${arg}\nusage: node scripts/package.mjs [--no-build] [--out DIR] [--quiet]`);
      process.exit(2);
    }
  }
  if (!options.outDir) {
    console.error('package: --out needs a directory');
    process.exit(2);
  }
  return options;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const log = options.quiet ? () => {} : console.log;
  const out = await packageProvider({ build: options.build, outDir: options.outDir, log });
  const rel = (p) => relative(process.cwd(), p) || '.';
  log(`\nterraform-provider-kestra ${out.version}: bundle ${kb(out.bundleBytes)}, zip ${kb(out.zipBytes)} (${out.packages.length - 1} npm packages inlined)`);
  log(`packages (${rel(out.packagesDir)}):`);
  for (const z of out.zips) log(`  ${z.name}  sha256 ${z.sha256}`);
  log(`  ${sumsName(out.version)}`);
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
