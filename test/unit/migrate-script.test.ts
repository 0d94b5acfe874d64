/**
 * `npm run migrate -- DIR` on working directories whose state (local, read with the real `terraform state pull`)
 * holds what teams have: modules, counted resources, tokens of the same name, data sources, types this provider
 * does not manage, a state already handed over.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../support/paths.js';
import { TERRAFORM } from '../support/terraform.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

interface Entry {
  type: string;
  name: string;
  module?: string;
  mode?: 'managed' | 'data';
  provider?: string;
}

function workingDirectory(entries: Entry[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'migrate-'));
  dirs.push(dir);
  const resources = entries.map((e) => ({
    ...(e.module ? { module: e.module } : {}),
    mode: e.mode ?? 'managed',
    type: e.type,
    name: e.name,
    provider: `provider["${e.provider ?? 'registry.terraform.io/kestra-io/kestra'}"]`,
    instances: [{ schema_version: 0, attributes: { id: `${e.name}-id` }, sensitive_attributes: [] }],
  }));
  writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify({ version: 4, terraform_version: '1.11.4', serial: 1, lineage: 'c0ffee00-0000-4000-8000-000000000000', outputs: {}, resources }));
  return dir;
}

async function migrate(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, TERRAFORM, CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: '/dev/null' };
  return promisify(execFile)(process.execPath, [join(REPO_ROOT, 'scripts', 'migrate-from-official.mjs'), ...args], { env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

const movedBlocks = (dir: string) => [...readFileSync(join(dir, 'moved_from_kestra_io.tf'), 'utf8').matchAll(/from = (\S+)\n\s+to\s+= (\S+)/g)].map(([, from, to]) => `${from} -> ${to}`);

test('one moved block per renamed resource and module instance; same-name types, data sources and other providers need none', async () => {
  const dir = workingDirectory([
    { type: 'kestra_service_account', name: 'ci' },
    { type: 'kestra_role', name: 'deployer' },
    { type: 'kestra_binding', name: 'ci' },
    { type: 'kestra_binding', name: 'b', module: 'module.team["prod"]' },
    { type: 'kestra_binding', name: 'b', module: 'module.team["dev"]' },
    { type: 'kestra_service_account_api_token', name: 'ci' },
    { type: 'kestra_role', name: 'admin', mode: 'data' },
    { type: 'random_password', name: 'p', provider: 'registry.terraform.io/hashicorp/random' },
  ]);
  const result = await migrate([dir]);
  expect(result.code).toBe(0);
  expect(movedBlocks(dir)).toEqual([
    'kestra_binding.ci -> kestra_role_binding.ci',
    'kestra_service_account_api_token.ci -> kestra_api_token.ci',
    'module.team["dev"].kestra_binding.b -> module.team["dev"].kestra_role_binding.b',
    'module.team["prod"].kestra_binding.b -> module.team["prod"].kestra_role_binding.b',
  ]);
  expect(result.stdout).toContain('terraform state replace-provider -auto-approve registry.terraform.io/kestra-io/kestra registry.terraform.io/kestra-iam/kestra');
});

test('a service account token and a user token of the same name get distinct addresses, and the script says which block to rename', async () => {
  const dir = workingDirectory([
    { type: 'kestra_service_account_api_token', name: 'ci' },
    { type: 'kestra_user_api_token', name: 'ci' },
    { type: 'kestra_user_api_token', name: 'jane' },
  ]);
  const result = await migrate([dir]);
  expect(movedBlocks(dir)).toEqual([
    'kestra_service_account_api_token.ci -> kestra_api_token.ci',
    'kestra_user_api_token.ci -> kestra_api_token.ci_user_api_token',
    'kestra_user_api_token.jane -> kestra_api_token.jane',
  ]);
  expect(result.stdout).toContain('rename that resource block to "ci_user_api_token"');
});

test('the identity types: a membership moves to kestra_group_member; each user password is taken out of the state first, and its block deleted', async () => {
  const dir = workingDirectory([
    { type: 'kestra_user', name: 'jane' },
    { type: 'kestra_group', name: 'platform' },
    { type: 'kestra_tenant', name: 'analytics' },
    { type: 'kestra_user_group_membership', name: 'jane_platform' },
    { type: 'kestra_user_password', name: 'jane' },
    { type: 'kestra_user_password', name: 'omar', module: 'module.team["prod"]' },
  ]);
  const result = await migrate([dir]);
  expect(result.code).toBe(0);
  expect(movedBlocks(dir)).toEqual(['kestra_user_group_membership.jane_platform -> kestra_group_member.jane_platform']);
  const commands = [...result.stdout.matchAll(/^\s*terraform (state .+)$/gm)].map((m) => m[1]);
  expect(commands).toEqual([
    "state rm 'kestra_user_password.jane'",
    `state rm 'module.team["prod"].kestra_user_password.omar'`,
    'state replace-provider -auto-approve registry.terraform.io/kestra-io/kestra registry.terraform.io/kestra-iam/kestra',
  ]);
  expect(result.stdout).toMatch(/delete their resource blocks[\s\S]*kestra_user_password: the user keeps the password[\s\S]*password_wo/);
});

test('a state already handed over needs no replace-provider, and --out chooses the file', async () => {
  const dir = workingDirectory([{ type: 'kestra_binding', name: 'ci', provider: 'registry.terraform.io/kestra-iam/kestra' }]);
  const out = join(dir, 'moves.tf');
  const result = await migrate([dir, '--out', out]);
  expect(result.code).toBe(0);
  expect(readFileSync(out, 'utf8')).toContain('to   = kestra_role_binding.ci');
  expect(result.stdout).toContain('no replace-provider needed');
});

test('a state without renamed types writes no file', async () => {
  const dir = workingDirectory([{ type: 'kestra_service_account', name: 'ci' }]);
  const result = await migrate([dir]);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('no moved block needed');
  expect(existsSync(join(dir, 'moved_from_kestra_io.tf'))).toBe(false);
});

test('types this provider does not manage stop it before anything is written, naming them', async () => {
  const dir = workingDirectory([
    { type: 'kestra_binding', name: 'ci' },
    { type: 'kestra_flow', name: 'hello' },
    { type: 'kestra_namespace', name: 'team' },
    { type: 'kestra_user', name: 'jane' },
  ]);
  const result = await migrate([dir]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('the state holds kestra_flow, kestra_namespace, which this provider does not manage');
  expect(existsSync(join(dir, 'moved_from_kestra_io.tf'))).toBe(false);
});

test.each([
  ['no directory', [], 'expected one working directory, got 0'],
  ['two directories', ['a', 'b'], 'expected one working directory, got 2'],
  ['an unknown flag', ['--force', 'a'], "Unknown option '--force'"],
])('refuses %s, with the usage line', async (_name, args, message) => {
  const result = await migrate(args);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(message);
  expect(result.stderr).toMatch(/^usage: npm run migrate/m);
});

test('a directory terraform cannot read says what to do', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'migrate-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'main.tf'), 'module "m" {\n  source = "./nowhere"\n}\n');
  const result = await migrate([dir]);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/terraform state pull` failed[\s\S]*Module not installed/);
  expect(result.stderr).not.toMatch(/\x1b\[/);
});
