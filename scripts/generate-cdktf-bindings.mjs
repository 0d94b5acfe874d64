#!/usr/bin/env node
// Generates the CDK bindings of the provider from its own schema, in two flavours:
//
//   cdktf  cdktf/kestra/src/  for CDK for Terraform (`cdktf`), by @cdktf/provider-generator. HashiCorp archived
//                             CDKTF in December 2025: 0.21 is its last release.
//   cdktn  cdktn/kestra/src/  for CDK Terrain (`cdktn`), the community fork that carries CDKTF on, by
//                             @cdktn/provider-generator.
//
//   node scripts/generate-cdktf-bindings.mjs           regenerate both (npm run cdktf:generate)
//   node scripts/generate-cdktf-bindings.mjs --check   regenerate into a temporary folder and fail when the
//                                                      committed bindings differ (npm run cdktf:check, CI)
//   --flavor cdktf|cdktn                               only one flavour
//   --package <dir>                                    another package folder than <flavour>/kestra (tests; needs --flavor)
//
// Input: `bin/terraform-provider-kestra --print-schema`, the `terraform providers schema -json` document of the
// built provider (run `npm run build` first). Output: plain TypeScript sources, one folder per resource, data source,
// ephemeral resource (cdktn only: CDKTF 0.21 has none) and the provider, as `cdktf get` / `cdktn get` would write
// them. Each package's version (<flavour>/kestra/package.json) follows the provider's (package.json), which the
// generated constructs record as well.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const providerBin = join(root, 'bin', 'terraform-provider-kestra');

/**
 * The two generators have the same API (the fork kept it): a TerraformProviderGenerator over a CodeMaker. Their
 * package's main entry also loads the JSII tooling that only `get` for other languages needs: the TypeScript
 * generator is loaded directly, with the CodeMaker version the generator itself depends on.
 */
const FLAVORS = {
  cdktf: { generator: '@cdktf/provider-generator', module: './lib/get/generator/provider-generator' },
  cdktn: { generator: '@cdktn/provider-generator', module: './build/get/generator/provider-generator' },
};

const USAGE = 'usage: node scripts/generate-cdktf-bindings.mjs [--check] [--flavor cdktf|cdktn] [--package DIR]';
let args;
try {
  ({ values: args } = parseArgs({
    options: { check: { type: 'boolean', default: false }, flavor: { type: 'string' }, package: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  fail(`${error.message}\n${USAGE}`);
}
if (args.flavor !== undefined && !(args.flavor in FLAVORS)) fail(`--flavor must be one of ${Object.keys(FLAVORS).join(', ')}, got '${args.flavor}'\n${USAGE}`);
if (args.package !== undefined && args.flavor === undefined) fail(`--package needs --flavor: which generator the package is for\n${USAGE}`);
const providerVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

function readSchema() {
  if (!existsSync(join(root, 'dist', 'provider', 'main.js'))) {
    fail('dist/provider/main.js is missing: run `npm run build` first, the bindings are generated from the built provider.');
  }
  return JSON.parse(execFileSync(providerBin, ['--print-schema'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
}

/**
 * Writes the `flavor` bindings for `schema` into `target` (an empty folder), one `<name>/index.ts` per resource, data
 * source, ephemeral resource and the provider, plus `index.ts` re-exporting them as namespaces.
 */
async function generateBindings(flavor, schema, target) {
  // The generators' commons run `terraform version` as they load and report errors to HashiCorp's checkpoint
  // service unless CHECKPOINT_DISABLE is set: no telemetry, and an empty CLI configuration so that terraform does
  // not complain about a missing ~/.terraformrc.
  const scratch = mkdtempSync(join(tmpdir(), `${flavor}-gen-`));
  try {
    const cliConfig = join(scratch, 'terraform.tfrc');
    writeFileSync(cliConfig, '');
    Object.assign(process.env, { CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_CLI_CONFIG_FILE: cliConfig, DISABLE_VERSION_CHECK: '1' });

    const { generator, module } = FLAVORS[flavor];
    const require = createRequire(join(root, 'node_modules', ...generator.split('/'), 'package.json'));
    const { TerraformProviderGenerator } = require(module);
    const { CodeMaker } = require('codemaker');

    // With the provider's version, the constructs record it (terraformGeneratorMetadata), link to its docs and
    // synthesize it as the required_providers version constraint.
    const fqpns = Object.keys(schema.provider_schemas ?? {});
    const versioned = { ...schema, provider_versions: Object.fromEntries(fqpns.map((fqpn) => [fqpn, providerVersion])) };

    const code = new CodeMaker();
    new TerraformProviderGenerator(code, versioned).generateAll();
    const staging = join(scratch, 'out');
    await code.save(staging);

    // The generator writes providers/<name>/...; the package holds just that folder's content. lazy-index.ts is
    // the JSII lazy-loading entry (CommonJS `require` on property access), of no use to TypeScript consumers.
    const [name, ...others] = readdirSync(join(staging, 'providers'));
    if (!name || others.length > 0) throw new Error(`expected the bindings of exactly one provider, got: ${[name, ...others].join(', ')}`);
    cpSync(join(staging, 'providers', name), target, { recursive: true });
    rmSync(join(target, 'lazy-index.ts'), { force: true });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)))
    .sort();
}

/** Paths (relative to the folders) that differ between `expected` and `actual`, with what is wrong with each. */
function compare(expected, actual) {
  const expectedFiles = new Set(listFiles(expected));
  const actualFiles = new Set(listFiles(actual));
  const problems = [];
  for (const file of expectedFiles) {
    if (!actualFiles.has(file)) problems.push(`missing:  ${file}`);
    else if (!readFileSync(join(expected, file)).equals(readFileSync(join(actual, file)))) problems.push(`outdated: ${file}`);
  }
  for (const file of actualFiles) if (!expectedFiles.has(file)) problems.push(`extra:    ${file}`);
  return problems;
}

function fail(message) {
  console.error(`generate-cdktf-bindings: ${message}`);
  process.exit(1);
}

function readPackage(packageJson) {
  if (!existsSync(packageJson)) fail(`${packageJson} is missing: the bindings' package folder must have its package.json.`);
  return JSON.parse(readFileSync(packageJson, 'utf8'));
}

/** Problems of the committed `flavor` bindings in `packageDir` (empty when they are current). */
async function check(flavor, schema, packageDir) {
  const packageJson = join(packageDir, 'package.json');
  const { version } = readPackage(packageJson);
  const fresh = mkdtempSync(join(tmpdir(), `${flavor}-check-`));
  let problems;
  try {
    await generateBindings(flavor, schema, join(fresh, 'src'));
    problems = compare(join(fresh, 'src'), join(packageDir, 'src'));
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
  if (version !== providerVersion) problems.push(`version:  ${relative(root, packageJson) || packageJson} has ${version}, the provider is ${providerVersion}`);
  return problems;
}

async function regenerate(flavor, schema, packageDir) {
  const packageJson = join(packageDir, 'package.json');
  const outDir = join(packageDir, 'src');
  const pkg = readPackage(packageJson);
  const staging = mkdtempSync(join(tmpdir(), `${flavor}-gen-out-`));
  try {
    // Generate fully before touching the committed folder, so that a generator failure leaves it as it was.
    await generateBindings(flavor, schema, join(staging, 'src'));
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(packageDir, { recursive: true });
    cpSync(join(staging, 'src'), outDir, { recursive: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  if (pkg.version !== providerVersion) writeFileSync(packageJson, `${JSON.stringify({ ...pkg, version: providerVersion }, null, 2)}\n`);
}

const schema = readSchema();
const flavors = args.flavor !== undefined ? [args.flavor] : Object.keys(FLAVORS);
const stale = [];
for (const flavor of flavors) {
  const packageDir = args.package !== undefined ? resolve(args.package) : join(root, flavor, 'kestra');
  const shown = relative(root, join(packageDir, 'src')) || join(packageDir, 'src');
  if (args.check) {
    const problems = await check(flavor, schema, packageDir);
    if (problems.length > 0) stale.push(`the committed ${flavor} bindings in ${shown}/ are stale: they differ from what the provider's current schema generates.\n${problems.map((p) => `  ${p}`).join('\n')}`);
    else console.log(`${shown}/ is up to date with the provider schema (${listFiles(join(packageDir, 'src')).length} files).`);
  } else {
    await regenerate(flavor, schema, packageDir);
    console.log(`Wrote ${listFiles(join(packageDir, 'src')).length} files to ${shown}/ (${flavor}, provider version ${providerVersion}).`);
  }
}
if (stale.length > 0) fail(`${stale.join('\n')}\nRun \`npm run build && npm run cdktf:generate\` and commit the result.`);
