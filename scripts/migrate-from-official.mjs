#!/usr/bin/env node
// npm run migrate -- DIR: prepares a working directory that uses the official provider (kestra-io/kestra) for
// this one. It reads the directory's state (`terraform state pull`, so any backend works once `terraform init`
// has run there), writes a `moved` block for every resource whose type this provider renamed, and prints the
// `terraform state replace-provider` command to run, after the `terraform state rm` of each resource whose official
// type has no counterpart here (`kestra_user_password`). It changes no state itself. The renames come from the
// provider's own declarations (each resource's `movedFrom`, and `provider/kestra/official.ts`), so run
// `npm run build` first.
//
//   npm run migrate -- DIR [--out FILE]   FILE defaults to DIR/moved_from_kestra_io.tf
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PROVIDER_MODULE = join(ROOT, 'dist', 'provider', 'kestra-provider.js');
const LOGGING_MODULE = join(ROOT, 'dist', 'provider', 'bridge', 'logging.js');
const ADDRESS_MODULE = join(ROOT, 'dist', 'provider', 'provider-address.js');
const OFFICIAL_MODULE = join(ROOT, 'dist', 'provider', 'kestra', 'official.js');
const OFFICIAL = 'kestra-io/kestra';
const TERRAFORM = process.env.TERRAFORM || 'terraform';
const USAGE = 'usage: npm run migrate -- DIR [--out FILE]   write DIR/moved_from_kestra_io.tf (or FILE) for the state of DIR';

function fail(message, code = 1) {
  console.error(`migrate: ${message}`);
  process.exit(code);
}

/**
 * What this provider declares: its address, its types, which official type each renamed one takes the state of,
 * and the official types left behind (taken out of the state), with what replaces each.
 */
async function providerTypes() {
  if (!existsSync(PROVIDER_MODULE)) fail('the provider is not built; run `npm run build` first.');
  const { kestraProvider } = await import(pathToFileURL(PROVIDER_MODULE).href);
  const { createLogger } = await import(pathToFileURL(LOGGING_MODULE).href);
  const { PROVIDER_ADDRESS } = await import(pathToFileURL(ADDRESS_MODULE).href);
  const { OFFICIAL_TYPES_LEFT_BEHIND } = await import(pathToFileURL(OFFICIAL_MODULE).href);
  const { resources } = kestraProvider(createLogger({ level: 'off' }));
  const renamed = new Map();
  for (const resource of resources) {
    for (const mover of resource.movedFrom ?? []) if (mover.sourceProviders.includes(OFFICIAL)) renamed.set(mover.sourceTypeName, resource.typeName);
  }
  return { address: PROVIDER_ADDRESS, known: new Set(resources.map((r) => r.typeName)), renamed, leftBehind: new Map(Object.entries(OFFICIAL_TYPES_LEFT_BEHIND)) };
}

function pullState(dir) {
  try {
    return JSON.parse(execFileSync(TERRAFORM, ['state', 'pull'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TF_IN_AUTOMATION: '1' } }));
  } catch (error) {
    // Terraform colours its errors whatever the terminal; the message is read as plain text.
    const message = String(error.stderr || error.message).replace(/\x1b\[[0-9;]*m/g, '');
    fail(`\`terraform state pull\` failed in ${dir} (a remote backend needs \`terraform init\` there first, modules \`terraform get\`):\n${message}`);
  }
}

/**
 * A resource's address in its module instance (`module.ci["x"].kestra_binding.b`): a moved block names all the
 * resource's instances at once, but a module instance only by its key.
 */
const address = (module, type, name) => [module, `${type}.${name}`].filter(Boolean).join('.');
/** `provider["registry.terraform.io/kestra-io/kestra"]`, maybe after a module path and with an alias. */
const providerSource = (provider) => /provider\["([^"]+)"\]/.exec(provider)?.[1] ?? '';

/**
 * The moved blocks for the state's managed resources of renamed types, in address order. A target address
 * already in use (say, a service account token and a user token of the same name, both now kestra_api_token)
 * gets the source type's short name as suffix.
 */
function planMoves(resources, renamed) {
  const managed = resources.filter((r) => r.mode === 'managed');
  const taken = new Set(managed.filter((r) => !renamed.has(r.type)).map((r) => address(r.module, r.type, r.name)));
  const sources = [...new Map(managed.filter((r) => renamed.has(r.type)).map((r) => [address(r.module, r.type, r.name), r])).values()];
  sources.sort((a, b) => address(a.module, a.type, a.name).localeCompare(address(b.module, b.type, b.name)));
  return sources.map((r) => {
    const { module } = r;
    const type = renamed.get(r.type);
    let name = r.name;
    for (let n = 1; taken.has(address(module, type, name)); n += 1) name = `${r.name}_${r.type.replace(/^kestra_/, '')}${n > 1 ? n : ''}`;
    taken.add(address(module, type, name));
    return { from: address(module, r.type, r.name), to: address(module, type, name), renamedTo: name === r.name ? undefined : name };
  });
}

function movedBlocks(moves) {
  const header = [
    '# Written by `npm run migrate`: the official provider (kestra-io/kestra) types this provider renamed.',
    '# Terraform moves each state once; keep this file until every workspace of this configuration has applied.',
  ];
  return [...header, ...moves.map((m) => `\nmoved {\n  from = ${m.from}\n  to   = ${m.to}\n}`)].join('\n') + '\n';
}

let values;
let positionals;
try {
  ({ values, positionals } = parseArgs({ options: { out: { type: 'string' } }, allowPositionals: true, strict: true }));
} catch (error) {
  fail(`${error.message}\n${USAGE}`);
}
if (positionals.length !== 1) fail(`expected one working directory, got ${positionals.length}\n${USAGE}`);

const dir = resolve(positionals[0]);
const out = resolve(values.out ?? join(dir, 'moved_from_kestra_io.tf'));
const { address: thisProvider, known, renamed, leftBehind } = await providerTypes();
const state = pullState(dir);
const resources = (state.resources ?? []).filter((r) => r.mode === 'managed' && r.type.startsWith('kestra_'));
const foreign = [...new Set(resources.filter((r) => !known.has(r.type) && !renamed.has(r.type) && !leftBehind.has(r.type)).map((r) => r.type))].sort();
if (foreign.length > 0) {
  fail(
    `the state holds ${foreign.join(', ')}, which this provider does not manage: \`terraform state replace-provider\` would hand ` +
      'them to it all the same. Move those resources to a configuration of their own first (see docs/guides/migrating-from-kestra-io.md).',
  );
}

const moves = planMoves(resources, renamed);
if (moves.length > 0) writeFileSync(out, movedBlocks(moves));
const removals = [...new Set(resources.filter((r) => leftBehind.has(r.type)).map((r) => address(r.module, r.type, r.name)))].sort();
const official = [...new Set(resources.map((r) => providerSource(r.provider)).filter((source) => source.endsWith(`/${OFFICIAL}`)))];

console.log(moves.length > 0 ? `Wrote ${moves.length} moved block(s) to ${relative(process.cwd(), out) || out}:` : 'No resource of a renamed type in the state: no moved block needed.');
for (const m of moves) console.log(`  ${m.from} -> ${m.to}${m.renamedTo ? `   (name taken: rename that resource block to "${m.renamedTo}")` : ''}`);
if (moves.length > 0) console.log('In the configuration, change those resource blocks to the new types and arguments (see the guide).');
if (removals.length > 0) {
  console.log('\nTake the resources of official types this provider does not have out of the state (the server keeps what they set), in the working directory:');
  for (const removal of removals) console.log(`  terraform state rm '${removal}'`);
  console.log('and delete their resource blocks from the configuration.');
  for (const type of [...new Set(resources.filter((r) => leftBehind.has(r.type)).map((r) => r.type))].sort()) console.log(`  ${type}: ${leftBehind.get(type)}.`);
}
if (official.length > 0) {
  console.log('\nThen hand the state to this provider, in the working directory:');
  for (const source of official) console.log(`  terraform state replace-provider -auto-approve ${source} ${thisProvider}`);
} else {
  console.log('\nThe state already belongs to this provider: no replace-provider needed.');
}
console.log('\nThen run `terraform plan`: it should show only moves, no change.');
