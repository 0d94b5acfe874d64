#!/usr/bin/env node
// Generates the CDKTF (CDK for Terraform) bindings in cdktf/kestra/src/ from the provider's own schema.
//
//   node scripts/generate-cdktf-bindings.mjs           regenerate cdktf/kestra/src/ (npm run cdktf:generate)
//   node scripts/generate-cdktf-bindings.mjs --check   regenerate into a temporary folder and fail when the
//                                                      committed bindings differ (npm run cdktf:check, CI)
//   --package <dir>                                    another package folder than cdktf/kestra (tests)
//
// Input: `bin/terraform-provider-kestra --print-schema`, the `terraform providers schema -json` document of the
// built provider (run `npm run build` first). Output: plain TypeScript sources, one folder per resource, data source
// and the provider, as `cdktf get` would write them. The package's version (cdktf/kestra/package.json) follows the
// provider's (package.json), which the generated constructs record as well.
//
// HashiCorp archived CDKTF (and with it @cdktf/provider-generator) in December 2025. Everything that depends on
// the generator lives in `generateBindings()` below and nowhere else in the repository: to move to a community
// fork, change that function (and the devDependency); the schema input, the output folder, the --check mode and
// the tests stay as they are.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const providerBin = join(root, 'bin', 'terraform-provider-kestra');
const USAGE = 'usage: node scripts/generate-cdktf-bindings.mjs [--check] [--package DIR]';
let args;
try {
  ({ values: args } = parseArgs({ options: { check: { type: 'boolean', default: false }, package: { type: 'string' } }, strict: true, allowPositionals: false }));
} catch (error) {
  fail(`${error.message}\n${USAGE}`);
}
const check = args.check;
const packageDir = args.package !== undefined ? resolve(args.package) : join(root, 'cdktf', 'kestra');
const outDir = join(packageDir, 'src');
const packageJson = join(packageDir, 'package.json');
const providerVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

function readSchema() {
  if (!existsSync(join(root, 'dist', 'provider', 'main.js'))) {
    fail('dist/provider/main.js is missing: run `npm run build` first, the bindings are generated from the built provider.');
  }
  return JSON.parse(execFileSync(providerBin, ['--print-schema'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
}

/**
 * The generator-specific part: writes the bindings for `schema` into `target` (an empty folder), one
 * `<name>/index.ts` per resource, data source and the provider, plus `index.ts` re-exporting them as namespaces.
 * Replace this function to use another generator (a fork of @cdktf/provider-generator, for instance).
 */
async function generateBindings(schema, target) {
  // @cdktf/commons, loaded by the generator, runs `terraform version` as it loads and reports errors to
  // HashiCorp's checkpoint service unless CHECKPOINT_DISABLE is set: no telemetry, and an empty CLI
  // configuration so that terraform does not complain about a missing ~/.terraformrc.
  const scratch = mkdtempSync(join(tmpdir(), 'cdktf-gen-'));
  try {
    const cliConfig = join(scratch, 'terraform.tfrc');
    writeFileSync(cliConfig, '');
    Object.assign(process.env, { CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_CLI_CONFIG_FILE: cliConfig, DISABLE_VERSION_CHECK: '1' });

    // The package's main entry also loads the JSII tooling (jsii, jsii-pacmak) that only `cdktf get` for other
    // languages needs, and which is not a dependency of the package: load the TypeScript generator directly.
    const require = createRequire(join(root, 'node_modules', '@cdktf', 'provider-generator', 'package.json'));
    const { TerraformProviderGenerator } = require('./lib/get/generator/provider-generator');
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

function readPackage() {
  if (!existsSync(packageJson)) fail(`${packageJson} is missing: the bindings' package folder must have its package.json.`);
  return JSON.parse(readFileSync(packageJson, 'utf8'));
}

const schema = readSchema();
const shown = relative(root, outDir) || outDir;
if (check) {
  const { version } = readPackage();
  const fresh = mkdtempSync(join(tmpdir(), 'cdktf-check-'));
  let problems;
  try {
    await generateBindings(schema, join(fresh, 'src'));
    problems = compare(join(fresh, 'src'), outDir);
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
  if (version !== providerVersion) problems.push(`version:  ${relative(root, packageJson) || packageJson} has ${version}, the provider is ${providerVersion}`);
  if (problems.length > 0) {
    fail(
      `the committed CDKTF bindings in ${shown}/ are stale: they differ from what the provider's current schema generates.\n` +
        problems.map((p) => `  ${p}`).join('\n') +
        '\nRun `npm run build && npm run cdktf:generate` and commit the result.',
    );
  }
  console.log(`${shown}/ is up to date with the provider schema (${listFiles(outDir).length} files).`);
} else {
  const pkg = readPackage();
  const staging = mkdtempSync(join(tmpdir(), 'cdktf-gen-out-'));
  try {
    // Generate fully before touching the committed folder, so that a generator failure leaves it as it was.
    await generateBindings(schema, join(staging, 'src'));
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(packageDir, { recursive: true });
    cpSync(join(staging, 'src'), outDir, { recursive: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  if (pkg.version !== providerVersion) writeFileSync(packageJson, `${JSON.stringify({ ...pkg, version: providerVersion }, null, 2)}\n`);
  console.log(`Wrote ${listFiles(outDir).length} files to ${shown}/ (provider version ${providerVersion}).`);
}
