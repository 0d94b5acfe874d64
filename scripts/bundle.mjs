#!/usr/bin/env node
// Bundles the provider into one CommonJS file, the form `node --build-snapshot` needs, and writes the launch
// script that picks a startup snapshot of it when the cache has one (provider/launch/). `npm run build`
// runs this into dist/terraform-provider-kestra/, which bin/terraform-provider-kestra uses; scripts/package.mjs
// puts the same two pieces into the distributable package. So bin/ and packages start the same way.
//
// usage: node scripts/bundle.mjs [--out DIR]   (default dist/terraform-provider-kestra)
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire, builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Named so that Terraform's executable lookup (first `terraform-provider-kestra[_.]…` entry) can only pick the launcher. */
export const BUNDLE_NAME = 'kestra-provider.cjs';
export const LAUNCH_SCRIPT_NAME = 'launch.sh';
/** Run by the launcher with bash to attach a session to a warm provider (provider/launch/reuse-server.ts). */
export const ATTACH_SCRIPT_NAME = 'attach.bash';
/** Reuse servers a user may have per bundle and node: one serves one session at a time. */
const REUSE_SLOTS = 4;
export const MIN_NODE_MAJOR = 20;
/** Packages only the emulator uses; finding one in the provider bundle is a packaging bug. */
export const EMULATOR_ONLY = ['better-sqlite3', 'fastify', 'openapi-backend'];
/**
 * Built-ins that cannot be loaded while a snapshot is built (they hold handles V8 cannot serialize) but that
 * grpc-js and undici require as they load. The bundle gets stand-ins that load the real module on first use.
 */
const LOAD_ON_FIRST_USE = ['http', 'https', 'http2', 'tls'];

const require = createRequire(import.meta.url);

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

/**
 * Replaces `require('http2')` and the like, from the bundled code, by a proxy that requires the real module the
 * first time it is used at run time. While a snapshot is built, `constants` (plain numbers and strings, which
 * grpc-js destructures as it loads) comes from a copy taken at bundle time. undici, which takes classes and
 * Node's own fetch globals as it loads, cannot be made to load there, and stays lazy (provider-config.ts).
 */
function loadOnFirstUsePlugin() {
  const filter = new RegExp(`^(node:)?(${LOAD_ON_FIRST_USE.join('|')})$`);
  return {
    name: 'load-on-first-use',
    setup(build) {
      // Only requires from real files: the stand-in's own require of the real module must stay external.
      build.onResolve({ filter, namespace: 'file' }, (args) => ({ path: args.path.replace(/^node:/, ''), namespace: 'load-on-first-use' }));
      build.onLoad({ filter: /.*/, namespace: 'load-on-first-use' }, (args) => {
        const constants = require(args.path).constants;
        return {
          loader: 'js',
          contents: `let real;
const load = () => (real ??= require('node:${args.path}'));
const building = require('node:v8').startupSnapshot.isBuildingSnapshot;
const constants = ${constants === undefined ? 'undefined' : JSON.stringify(constants)};
module.exports = new Proxy({}, {
  get: (_, key) => (key === 'constants' && constants !== undefined && building() ? constants : load()[key]),
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => ({ ...Reflect.getOwnPropertyDescriptor(load(), key), configurable: true }),
});
`,
        };
      });
    },
  };
}

/** Options for the provider bundle; bench scripts reuse them. */
export function bundleOptions({ entry = join(REPO_ROOT, 'dist', 'provider', 'launch', 'entry.js'), outfile, plugins = [] } = {}) {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: process.env.KESTRA_BUNDLE_NO_MINIFY !== '1',
    // undici's webidl builds error messages from constructor names.
    keepNames: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent',
    plugins: [refuseEmulatorDependenciesPlugin(), loadOnFirstUsePlugin(), ...plugins],
  };
}

export function assertOnlyBuiltinImports(metafile) {
  const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
  const stray = Object.values(metafile.outputs)
    .flatMap((o) => o.imports ?? [])
    // node:sqlite is newer than Node 20's built-in list; undici only loads it for its optional SQLite cache.
    .filter((i) => i.external && !builtins.has(i.path) && !i.path.startsWith('node:'))
    .map((i) => i.path);
  if (stray.length > 0) throw new Error(`the bundle still imports non-built-in modules at run time: ${[...new Set(stray)].join(', ')}`);
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

/** Writes `<outDir>/kestra-provider.cjs`; the id (a hash of its bytes) keys the snapshot cache. */
export async function bundleProvider({ outDir = join(REPO_ROOT, 'dist', 'terraform-provider-kestra') } = {}) {
  const entry = join(REPO_ROOT, 'dist', 'provider', 'launch', 'entry.js');
  mkdirSync(outDir, { recursive: true });
  const bundlePath = join(outDir, BUNDLE_NAME);
  const result = await esbuild.build(bundleOptions({ entry, outfile: bundlePath }));
  assertOnlyBuiltinImports(result.metafile);
  const packages = bundledPackages(result.metafile);
  const text = readFileSync(bundlePath, 'utf8');
  for (const name of EMULATOR_ONLY) {
    if (packages.some((p) => p.name === name) || text.includes(`node_modules/${name}`)) throw new Error(`${name} ended up in the provider bundle`);
  }
  const id = createHash('sha256').update(text).digest('hex').slice(0, 16);
  return { bundlePath, id, metafile: result.metafile, packages };
}

/**
 * The body of the launcher, for `sh`. It expects `$launch`, the directory of the bundle, and `exec`s node so that
 * Terraform's signals and pipes reach the provider itself. Only shell built-ins run on the way, except one
 * `node --version` (about 4 ms), which also keys the snapshot.
 */
export async function launchScript(id) {
  // Variables read at load, which a snapshot would freeze: with one set, the launcher runs the bundle.
  const { SNAPSHOT_SKIPPING_ENV } = await import(pathToFileURL(join(REPO_ROOT, 'dist', 'provider', 'launch', 'env-guard.js')).href);
  // The V8 flags the blob was built with, without which it does not load.
  const { SNAPSHOT_NODE_FLAGS } = await import(pathToFileURL(join(REPO_ROOT, 'dist', 'provider', 'launch', 'node-flags.js')).href);
  return `# Generated by scripts/bundle.mjs for bundle ${id}. Runs ${BUNDLE_NAME} from $launch with Node.js ${MIN_NODE_MAJOR}+
# (\`node\` from PATH, or $KESTRA_PROVIDER_NODE), from a V8 startup snapshot when the cache has one for this node.
node=\${KESTRA_PROVIDER_NODE:-node}
fail() {
  echo "terraform-provider-kestra: $*" >&2
  # Terraform only logs a plugin's stderr, but quotes its first stdout line in the error it shows.
  if [ -n "\${TF_PLUGIN_MAGIC_COOKIE:-}" ]; then echo "terraform-provider-kestra: $*"; fi
  exit 1
}
version=$("$node" --version 2>/dev/null) || fail "Node.js ${MIN_NODE_MAJOR} or newer is required, but '$node' was not found on PATH. Install it (https://nodejs.org/en/download or your package manager), or set KESTRA_PROVIDER_NODE to the path of a node executable."
major=\${version#v}
major=\${major%%.*}
case $major in
  '' | *[!0-9]*) fail "could not read the version of '$node' (it printed '$version'); Node.js ${MIN_NODE_MAJOR} or newer is required." ;;
esac
[ "$major" -ge ${MIN_NODE_MAJOR} ] || fail "Node.js ${MIN_NODE_MAJOR} or newer is required, but '$node' is $version. Upgrade it, or set KESTRA_PROVIDER_NODE to the path of a newer node executable."
bundle=$launch/${BUNDLE_NAME}
# NODE_OPTIONS may hold V8 flags (a snapshot loads only under the flags that built it) or CA flags (which
# clash with ours): then node runs the bundle as it is.
[ -z "\${NODE_OPTIONS:-}" ] || exec "$node" "$bundle" "$@"
# Node parses NODE_EXTRA_CA_CERTS before running any code, and any TLS context (our mTLS server's) parses its
# whole bundled CA store unless it uses OpenSSL's, which without SSL_CERT_FILE loads nothing up front. Only
# the HTTPS client to Kestra needs those CAs; it reads the file from KESTRA_PROVIDER_EXTRA_CA_CERTS and trusts
# Node's bundled CAs explicitly, as node itself would have (provider/client/outbound-trust.ts).
KESTRA_PROVIDER_EXTRA_CA_CERTS=\${NODE_EXTRA_CA_CERTS:-}
export KESTRA_PROVIDER_EXTRA_CA_CERTS
unset NODE_EXTRA_CA_CERTS SSL_CERT_FILE
cache=\${KESTRA_PROVIDER_CACHE_DIR:-\${XDG_CACHE_HOME:-\${HOME:+$HOME/.cache}}}
if [ "\${KESTRA_PROVIDER_SNAPSHOT:-1}" != 0 ] && [ -n "$cache" ] && [ -z "${SNAPSHOT_SKIPPING_ENV.map((name) => `\${${name}:-}`).join('')}" ]; then
  [ -n "\${KESTRA_PROVIDER_CACHE_DIR:-}" ] || cache=$cache/terraform-provider-kestra
  blob=$cache/${id}/node-$version.blob
  nodepath=$(command -v "$node")
  # A blob is code: the cache, the blob's directory, the blob and its record must be this user's (the builder
  # makes them 0700/0600), and the record must name this very node (see provider/launch/snapshot-cache.ts).
  if [ -O "$cache" ] && [ -O "\${blob%/*}" ] && [ -f "$blob" ] && [ -O "$blob" ] && [ -f "$blob.node" ] && [ -O "$blob.node" ] &&
    read -r builtby < "$blob.node" && [ "$builtby" = "$nodepath" ]; then
    # A session Terraform starts (no arguments, its magic cookie set) may be served by a warm provider process
    # of this user's; attach.bash, which needs bash for its socket, attaches or execs node as below.
    if [ "\${KESTRA_PROVIDER_REUSE:-1}" != 0 ] && [ $# -eq 0 ] && [ -n "\${TF_PLUGIN_MAGIC_COOKIE:-}" ] && command -v bash >/dev/null; then
      exec bash "$launch/${ATTACH_SCRIPT_NAME}" "$node" "$blob"
    fi
    exec "$node" --use-openssl-ca ${SNAPSHOT_NODE_FLAGS.join(' ')} --snapshot-blob "$blob" -- "$@"
  fi
  # No blob yet: the provider asks for one to be built in the background once it is serving.
  KESTRA_PROVIDER_SNAPSHOT_TARGET=$blob
  KESTRA_PROVIDER_NODE_PATH=$nodepath
  export KESTRA_PROVIDER_SNAPSHOT_TARGET KESTRA_PROVIDER_NODE_PATH
fi
exec "$node" --use-openssl-ca "$bundle" "$@"
`;
}

/**
 * The attach script, for bash (its /dev/tcp is the only socket a shell has), run as \`attach.bash NODE BLOB\`
 * for a Terraform session when a verified blob exists: it attaches the session to a free reuse server of this
 * user's (provider/launch/reuse-server.ts says who may attach, and what a session sees), and otherwise runs
 * the provider from the blob, naming a free slot for it to start a server in. Built-ins only, but for
 * \`head\`, which reads the handshake line, and the final \`cat\`, which relays the session's log lines.
 */
export async function attachScript(id) {
  const { SNAPSHOT_NODE_FLAGS } = await import(pathToFileURL(join(REPO_ROOT, 'dist', 'provider', 'launch', 'node-flags.js')).href);
  const { HELLO, SESSION } = await import(pathToFileURL(join(REPO_ROOT, 'dist', 'provider', 'launch', 'reuse-server.js')).href);
  const { REUSE_SLOT_ENV } = await import(pathToFileURL(join(REPO_ROOT, 'dist', 'provider', 'run.js')).href);
  return `# Generated by scripts/bundle.mjs for bundle ${id}; see attachScript there.
node=$1
blob=$2
free=
attach() {
  local slot=$1 port client server pid reply status name
  # The slot file is the only way in: it must be this user's (the cache directory is 0700).
  if ! [ -f "$slot" ] || ! [ -O "$slot" ] || ! read -r port client server pid < "$slot"; then
    free=\${free:-$slot}
    return 1
  fi
  if ! { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
    # A server that is still there but cannot be reached (a bash without /dev/tcp) is not replaced: a new one
    # would not be reachable either.
    kill -0 "$pid" 2>/dev/null || free=\${free:-$slot}
    return 1
  fi
  printf '${HELLO} %s\\n' "$client" >&3
  # Nothing of the session goes out before the server has proved itself: a dead server's port may be anyone's.
  if ! IFS=' ' read -r -t 2 reply status <&3 || [ "$reply" != "$server" ]; then
    exec 3>&-
    free=\${free:-$slot}
    return 1
  fi
  if [ "$status" != ready ]; then
    exec 3>&-
    return 1
  fi
  # One printf: each write but the first would wait for the server's delayed ACK (Nagle's algorithm).
  local -a fields=(${SESSION} "$$" "$PPID" "$PWD")
  for name in $(compgen -e); do fields+=("$name=\${!name}"); done
  printf '%s\\0' "\${fields[@]}" '' >&3
  # head, not read: bash reads a socket one byte per system call, and the line carries a certificate. The
  # server sends nothing after it until told to relay, so head cannot take more than the line.
  reply=$(head -n 1 <&3)
  # Less the spaces the server sent as it received the description (each makes it acknowledge at once).
  reply=\${reply#"\${reply%%[! ]*}"}
  case $reply in
    'ok '*) printf '%s\\n' "\${reply#ok }" ;;
    'fail '*) printf 'terraform-provider-kestra: %s\\n' "\${reply#fail }" >&2; exit 1 ;;
    *) exec 3>&-; return 1 ;;
  esac
  printf 'relay\\n' >&3
  # Ctrl-C is Terraform's to handle (it sends StopProvider): this process ends only with the session.
  trap '' INT
  exec cat <&3 >&2 3>&-
}
for slot in ${Array.from({ length: REUSE_SLOTS }, (_, i) => i).join(' ')}; do
  attach "\${blob%.blob}.reuse-$slot"
done
if [ -n "$free" ]; then
  ${REUSE_SLOT_ENV}=$free
  export ${REUSE_SLOT_ENV}
fi
exec "$node" --use-openssl-ca ${SNAPSHOT_NODE_FLAGS.join(' ')} --snapshot-blob "$blob" --
`;
}

/** Bundles into outDir and writes the launch and attach scripts beside the bundle. */
export async function buildLaunch({ outDir = join(REPO_ROOT, 'dist', 'terraform-provider-kestra') } = {}) {
  const bundle = await bundleProvider({ outDir });
  writeFileSync(join(outDir, LAUNCH_SCRIPT_NAME), await launchScript(bundle.id));
  writeFileSync(join(outDir, ATTACH_SCRIPT_NAME), await attachScript(bundle.id));
  return bundle;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outFlag = process.argv.indexOf('--out');
  const outDir = outFlag >= 0 ? process.argv[outFlag + 1] : undefined;
  buildLaunch(outDir ? { outDir } : {}).then(
    ({ bundlePath, id }) => console.error(`bundle: ${relative(process.cwd(), bundlePath)} (id ${id})`),
    (error) => {
      console.error(`bundle: ${error.message}`);
      process.exit(1);
    },
  );
}
