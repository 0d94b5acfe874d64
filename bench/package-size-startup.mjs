#!/usr/bin/env node
// Sizes and cold start of the distributable provider (scripts/package.mjs: esbuild bundle + sh launcher)
// against the unbundled dist/ provider, and, as an experiment, a Node single-executable application (SEA).
//
// Cold start = spawn → the go-plugin handshake line on stdout, with TF_PLUGIN_MAGIC_COOKIE and
// PLUGIN_PROTOCOL_VERSIONS=6 set and no PLUGIN_CLIENT_CERT (so the provider serves plaintext, no
// certificate generation). Every variant runs --runs times (default 10) after one warm-up, interleaved so
// that machine noise spreads evenly; the median is reported.
//
// usage: node bench/package-size-startup.mjs [--runs N] [--no-sea] [--json FILE] [--keep]   (--keep: leave the
//        packaged provider and SEA executables in the printed temporary directory, e.g. to try them with terraform)
// Needs a built dist/ (npm run build). The SEA experiment needs postject, fetched with `npx --yes` from npm.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { bundleOptions, packageProvider, REPO_ROOT, timeHandshake } from '../scripts/package.mjs';

const args = process.argv.slice(2);
const RUNS = Number(args.includes('--runs') ? args[args.indexOf('--runs') + 1] : 10);
const WITH_SEA = !args.includes('--no-sea');
const JSON_OUT = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
const KEEP = args.includes('--keep');

const MiB = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function walk(dir, filter = () => true) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return walk(path, filter);
    return e.isFile() && filter(path) ? [path] : [];
  });
}

/** Bytes on disk and an estimate of their zipped size (sum of per-file deflate). */
function measureFiles(files) {
  let bytes = 0;
  let zipped = 0;
  for (const file of files) {
    const data = readFileSync(file);
    bytes += data.length;
    zipped += deflateRawSync(data, { level: 9 }).length + 100; // + zip headers
  }
  return { files: files.length, bytes, zipped };
}

function sh(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { encoding: 'utf8', ...options });
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')}: ${result.error?.message ?? `exit ${result.status}`}\n${result.stdout ?? ''}${result.stderr ?? ''}`);
  return result.stdout;
}

/**
 * The SEA experiment: Node 20's SEA runs one CommonJS script, so the bundle is rebuilt as CJS; main.js's one
 * top-level await (`await servePlugin(…)`) is turned into a plain call for that, which CJS cannot express.
 */
async function buildSea(work, { codeCache }) {
  const main = join(REPO_ROOT, 'dist', 'provider', 'main.js');
  const cjs = join(work, 'provider.cjs');
  const noTopLevelAwait = {
    name: 'no-top-level-await',
    setup(build) {
      build.onLoad({ filter: /dist[\\/]provider[\\/]main\.js$/ }, (a) => {
        const source = readFileSync(a.path, 'utf8');
        if (!source.includes('await servePlugin(')) return { errors: [{ text: 'dist/provider/main.js changed: no `await servePlugin(`' }] };
        return { contents: source.replace('await servePlugin(', 'void servePlugin('), loader: 'js' };
      });
    },
  };
  await esbuild.build(bundleOptions({ entry: main, outfile: cjs, format: 'cjs', plugins: [noTopLevelAwait] }));
  const blob = join(work, 'sea.blob');
  const config = join(work, 'sea-config.json');
  writeFileSync(config, JSON.stringify({ main: cjs, output: blob, disableExperimentalSEAWarning: true, useCodeCache: codeCache }));
  sh(process.execPath, ['--experimental-sea-config', config], { cwd: work });
  const exe = join(work, codeCache ? 'terraform-provider-kestra-sea-codecache' : 'terraform-provider-kestra-sea');
  copyFileSync(process.execPath, exe);
  const inject = ['--yes', 'postject@1.0.0-alpha.6', exe, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2'];
  if (process.platform === 'darwin') inject.push('--macho-segment-name', 'NODE_SEA');
  sh('npx', inject, { cwd: work });
  if (process.platform === 'darwin') sh('codesign', ['--sign', '-', exe]);
  const data = readFileSync(exe);
  return { exe, bytes: data.length, zipped: deflateRawSync(data, { level: 6 }).length, blobBytes: statSync(blob).size };
}

async function main() {
  if (!existsSync(join(REPO_ROOT, 'dist', 'provider', 'main.js'))) throw new Error('dist/ is not built: run npm run build');
  const work = mkdtempSync(join(tmpdir(), 'kestra-bench-package-'));
  try {
    console.log(`node ${process.version} ${process.platform}/${process.arch}, ${RUNS} runs per variant\n`);
    const pkg = await packageProvider({ build: false, outDir: work, log: () => {} });

    // ---- sizes
    const distJs = measureFiles(['provider', 'schema', 'common'].flatMap((d) => walk(join(REPO_ROOT, 'dist', d), (f) => f.endsWith('.js'))));
    const deps = pkg.packages.filter((p) => p.dir);
    const nodeModules = measureFiles(deps.flatMap((p) => walk(p.dir)));
    const sizes = {
      bundleBytes: pkg.bundleBytes,
      zipBytes: pkg.zipBytes,
      launcherBytes: statSync(pkg.launcherPath).size,
      unbundled: { distJs, nodeModules, packages: deps.length, totalBytes: distJs.bytes + nodeModules.bytes, totalZipped: distJs.zipped + nodeModules.zipped },
      largestInBundle: pkg.packages.slice(0, 8).map((p) => ({ name: p.name, bytes: p.bytes })),
    };
    console.log('Sizes');
    console.log(`  packaged   zip ${MiB(sizes.zipBytes)} (per platform, identical contents); bundle ${MiB(sizes.bundleBytes)} minified; launcher ${sizes.launcherBytes} B`);
    console.log(`  unbundled  dist/ JS ${MiB(distJs.bytes)} (${distJs.files} files) + ${deps.length} npm packages ${MiB(nodeModules.bytes)} (${nodeModules.files} files) = ${MiB(sizes.unbundled.totalBytes)}, ~${MiB(sizes.unbundled.totalZipped)} zipped`);
    console.log(`  largest in the bundle: ${sizes.largestInBundle.map((p) => `${p.name} ${(p.bytes / 1024).toFixed(0)} KiB`).join(', ')}`);

    // ---- variants
    const floor = join(work, 'floor.mjs');
    writeFileSync(floor, "process.stdout.write('1|6|tcp|127.0.0.1:1|grpc|\\n'); setInterval(() => {}, 1000);\n");
    // The same bundle without minification, to see what minifying buys at start-up.
    const unminified = join(work, 'kestra-provider.unminified.mjs');
    await esbuild.build({ ...bundleOptions({ outfile: unminified }), minify: false });
    const variants = [
      { name: 'node floor (empty script that prints a handshake-shaped line)', command: process.execPath, args: [floor] },
      { name: 'unbundled: bin/terraform-provider-kestra (sh → node dist/provider/main.js)', command: join(REPO_ROOT, 'bin', 'terraform-provider-kestra'), args: [] },
      { name: 'unbundled without the sh wrapper: node dist/provider/main.js', command: process.execPath, args: [join(REPO_ROOT, 'dist', 'provider', 'main.js')] },
      { name: `packaged: ${relative(work, pkg.launcherPath)} (sh, node --version check → node bundle)`, command: pkg.launcherPath, args: [], key: 'packaged' },
      { name: 'bundle without the launcher: node kestra-provider.mjs', command: process.execPath, args: [pkg.bundlePath] },
      { name: `bundle not minified (${MiB(statSync(unminified).size)}): node kestra-provider.unminified.mjs`, command: process.execPath, args: [unminified] },
    ];

    let sea = [];
    if (WITH_SEA) {
      for (const codeCache of [false, true]) {
        try {
          const built = await buildSea(work, { codeCache });
          sea.push({ codeCache, ...built });
          variants.push({ name: `SEA${codeCache ? ' + V8 code cache' : ''}: one ${MiB(built.bytes)} executable`, command: built.exe, args: [] });
        } catch (error) {
          sea.push({ codeCache, error: error.message.split('\n')[0] });
          console.log(`  SEA${codeCache ? ' + code cache' : ''}: not built: ${error.message.split('\n')[0]}`);
        }
      }
    }

    // ---- cold start
    for (const v of variants) {
      v.samples = [];
      await timeHandshake(v.command, v.args); // warm-up: file-system cache, npx cache
    }
    for (let i = 0; i < RUNS; i++) {
      for (const v of variants) v.samples.push((await timeHandshake(v.command, v.args)).ms);
    }
    console.log(`\nCold start to the handshake line (median of ${RUNS}, min–max)`);
    for (const v of variants) {
      v.median = median(v.samples);
      console.log(`  ${v.median.toFixed(0).padStart(5)} ms  (${Math.min(...v.samples).toFixed(0)}–${Math.max(...v.samples).toFixed(0)})  ${v.name}`);
    }
    if (sea.some((s) => !s.error)) {
      console.log('\nSEA sizes (this platform only; every other platform needs its own node binary)');
      for (const s of sea.filter((x) => !x.error)) console.log(`  ${s.codeCache ? 'with code cache   ' : 'without code cache'}  executable ${MiB(s.bytes)}, ~${MiB(s.zipped)} zipped (blob ${MiB(s.blobBytes)})`);
    }

    if (JSON_OUT) {
      const result = { node: process.version, platform: `${process.platform}/${process.arch}`, runs: RUNS, sizes, sea, startup: variants.map((v) => ({ name: v.name, medianMs: v.median, samplesMs: v.samples })) };
      writeFileSync(JSON_OUT, `${JSON.stringify(result, null, 2)}\n`);
    }
  } finally {
    if (KEEP) console.log(`\nkept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`bench: ${error.stack ?? error}`);
  process.exit(1);
});
