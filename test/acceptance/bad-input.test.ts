/**
 * Invalid configurations fail at `validate` (or at `plan`, for what only the provider's configuration can tell)
 * with a diagnostic that names the attribute, and nothing is created on the server.
 */
import { useAcceptance } from '../support/acceptance.js';

const acceptance = useAcceptance();

const sa = (body: string) => `resource "kestra_service_account" "x" {\n${body}\n}`;
const role = (body: string) => `resource "kestra_role" "x" {\n${body}\n}`;
const binding = (body: string) => `resource "kestra_role_binding" "x" {\n${body}\n}`;
const token = (body: string) => `resource "kestra_api_token" "x" {\n${body}\n}`;
const perms = 'permissions = { FLOW = ["READ"] }';

/** [case, configuration, the attribute the diagnostic must name, what it must say] */
const atValidate: [string, string, string, RegExp][] = [
  ['service account name with capitals', sa('name = "CI_Bot"'), 'name', /lowercase letters, digits and hyphens/],
  ['service account name of 64 characters', sa(`name = "${'a'.repeat(64)}"`), 'name', /at most 63 characters/],
  ['service account name ending with a hyphen', sa('name = "ci-"'), 'name', /Invalid value for name/],
  ['empty service account name', sa('name = ""'), 'name', /Invalid value for name/],
  ['empty service account description', sa('name = "ci"\ndescription = ""'), 'description', /must not be an empty string/],
  ['super_admin that is not a bool', sa('name = "ci"\nsuper_admin = "maybe"'), 'super_admin', /a bool is required/],
  ['groups that is not a set', sa('name = "ci"\ngroups = "g1"'), 'groups', /set of string required/],
  ['empty tenant_id', sa('name = "ci"\ntenant_id = ""'), 'tenant_id', /must not be empty or only white space/],
  ['misspelled argument', sa('nam = "ci"'), 'nam', /Unsupported argument/],
  ['missing name', sa('description = "d"'), 'name', /argument "name" is required/],
  ['setting a read-only id', sa('name = "ci"\nid = "x"'), 'id', /Invalid configuration for read-only attribute/],
  ['unknown permission type', role(`name = "r"\npermissions = { FLOWS = ["READ"] }`), 'permissions', /Unknown permission type "FLOWS"/],
  ['unknown action', role(`name = "r"\npermissions = { FLOW = ["READ", "WRITE"] }`), 'permissions', /Unknown action "WRITE" for FLOW/],
  ['lower-case action', role(`name = "r"\npermissions = { FLOW = ["read"] }`), 'permissions', /Unknown action "read"/],
  ['permission type without actions', role(`name = "r"\npermissions = { FLOW = [] }`), 'permissions', /No actions for FLOW/],
  ['permissions as a list', role(`name = "r"\npermissions = ["FLOW"]`), 'permissions', /map of set of string required/],
  ['role without permissions', role('name = "r"'), 'permissions', /argument "permissions" is required/],
  ['empty role name', role(`name = ""\n${perms}`), 'name', /must not be empty or only white space/],
  ['is_default that is not a bool', role(`name = "r"\n${perms}\nis_default = "yes"`), 'is_default', /a bool is required/],
  ['empty role description', role(`name = "r"\n${perms}\ndescription = ""`), 'description', /must not be an empty string/],
  ['binding without grantee', binding('role_id = "r"'), 'service_account_id', /Exactly one of service_account_id, user_id, group_id/],
  ['binding with two grantees', binding('role_id = "r"\nservice_account_id = "s"\nuser_id = "u"'), 'user_id', /are both set/],
  ['binding with three grantees', binding('role_id = "r"\nservice_account_id = "s"\nuser_id = "u"\ngroup_id = "g"'), 'user_id', /Conflicting arguments/],
  ['binding with an empty namespace', binding('role_id = "r"\ngroup_id = "g"\nnamespace = ""'), 'namespace', /must not be empty or only white space/],
  ['binding with an empty role_id', binding('role_id = ""\ngroup_id = "g"'), 'role_id', /must not be empty or only white space/],
  ['binding without role_id', binding('group_id = "g"'), 'role_id', /argument "role_id" is required/],
  ['token without owner', token('name = "t"'), 'service_account_id', /Exactly one of service_account_id, user_id/],
  ['token with two owners', token('name = "t"\nservice_account_id = "s"\nuser_id = "u"'), 'user_id', /are both set/],
  ['token name with a space', token('name = "My Token"\nservice_account_id = "s"'), 'name', /lowercase letters, digits and hyphens/],
  ['max_age in words', token('name = "t"\nservice_account_id = "s"\nmax_age = "30 days"'), 'max_age', /ISO-8601 duration/],
  ['max_age in months', token('name = "t"\nservice_account_id = "s"\nmax_age = "P1M"'), 'max_age', /months and weeks are not accepted/],
  ['max_age in weeks', token('name = "t"\nservice_account_id = "s"\nmax_age = "P1W"'), 'max_age', /Invalid value for max_age/],
  ['zero max_age', token('name = "t"\nservice_account_id = "s"\nmax_age = "PT0S"'), 'max_age', /positive/],
  ['negative max_age', token('name = "t"\nservice_account_id = "s"\nmax_age = "-P1D"'), 'max_age', /positive/],
  ['max_age whose expiry no date-time can hold', token('name = "t"\nservice_account_id = "s"\nmax_age = "P1000000000D"'), 'max_age', /of at most P100000D/],
  ['extended without max_age', token('name = "t"\nservice_account_id = "s"\nextended = true'), 'extended', /Missing argument max_age/],
  ['rotate_before without max_age', token('name = "t"\nservice_account_id = "s"\nrotate_before = "P1D"'), 'rotate_before', /Missing argument max_age/],
  ['rotate_before as long as max_age', token('name = "t"\nservice_account_id = "s"\nmax_age = "P1D"\nrotate_before = "PT24H"'), 'rotate_before', /not shorter than max_age/],
  ['rotate_before in words', token('name = "t"\nservice_account_id = "s"\nmax_age = "P1D"\nrotate_before = "soon"'), 'rotate_before', /Invalid value for rotate_before/],
  ['keepers as a list', token('name = "t"\nservice_account_id = "s"\nkeepers = ["a"]'), 'keepers', /map of string required/],
  ['setting the read-only token', token('name = "t"\nservice_account_id = "s"\ntoken = "x"'), 'token', /Invalid configuration for read-only attribute/],
  ['empty token description', token('name = "t"\nservice_account_id = "s"\ndescription = ""'), 'description', /must not be an empty string/],
  ['extended that is not a bool', token('name = "t"\nservice_account_id = "s"\nmax_age = "P1D"\nextended = "no"'), 'extended', /a bool is required/],
  ['blank group name', 'resource "kestra_group" "x" {\nname = "  "\n}', 'name', /must not be empty or only white space/],
  ['empty group description', 'resource "kestra_group" "x" {\nname = "g"\ndescription = ""\n}', 'description', /must not be an empty string/],
  ['unknown membership', 'resource "kestra_group_member" "x" {\ngroup_id = "g"\nmember_id = "m"\nmembership = "ADMIN"\n}', 'membership', /one of MEMBER, OWNER/],
  ['blank member_id', 'resource "kestra_group_member" "x" {\ngroup_id = "g"\nmember_id = ""\n}', 'member_id', /must not be empty or only white space/],
  ['user email without @', 'resource "kestra_user" "x" {\nemail = "ada.example.com"\n}', 'email', /an email address/],
  ['empty user first_name', 'resource "kestra_user" "x" {\nemail = "a@b.c"\nfirst_name = ""\n}', 'first_name', /must not be an empty string/],
  ['password_wo_version without password_wo', 'resource "kestra_user" "x" {\nemail = "a@b.c"\npassword_wo_version = 1\n}', 'password_wo_version', /Missing argument password_wo/],
  ['group lookup by nothing', 'data "kestra_group" "x" {\n}', 'id', /Exactly one of id, name/],
  ['user lookup by both id and email', 'data "kestra_user" "x" {\nid = "a"\nemail = "a@b.c"\n}', 'email', /Conflicting arguments/],
  ['role lookup by both id and name', 'data "kestra_role" "x" {\nid = "a"\nname = "b"\n}', 'name', /Conflicting arguments/],
  ['role lookup by nothing', 'data "kestra_role" "x" {\n}', 'id', /Exactly one of id, name/],
  ['service account lookup by nothing', 'data "kestra_service_account" "x" {\n}', 'id', /Exactly one of id, name/],
  ['token list without owner', 'data "kestra_api_tokens" "x" {\n}', 'service_account_id', /Exactly one of service_account_id, user_id/],
  ['ephemeral token without max_age', 'ephemeral "kestra_api_token" "x" {\nservice_account_id = "s"\n}', 'max_age', /argument "max_age" is required/],
];

/**
 * The provider block: its own attribute rules are checked at validate, while credentials and environment
 * fallbacks can only be judged when the provider is configured, at plan.
 */
const providerCases: [string, string, string, RegExp][] = [
  ['provider url that is not http', 'url = "ftp://kestra"', 'url', /an http:\/\/ or https:\/\/ URL/],
  ['empty provider tenant_id', 'tenant_id = ""', 'tenant_id', /must not be empty or only white space/],
  ['negative timeout', 'timeout = -1', 'timeout', /positive number of seconds/],
  ['missing url', 'url = null', 'url', /Missing Kestra URL/],
  ['username without password', 'password = null', 'password', /Missing password/],
  ['no credentials', 'username = null\npassword = null', 'api_token', /Missing Kestra credentials/],
  ['wrong password', 'password = "wrong"', 'password', /Kestra rejected the credentials/],
];

function providerBlock(overrides = ''): string {
  const assignments = Object.fromEntries(
    overrides.split('\n').filter(Boolean).map((line) => line.split(/\s*=\s*/, 2) as [string, string]),
  );
  const settings: Record<string, string> = {
    url: `"${acceptance.emulator.url}"`,
    username: `"${acceptance.emulator.adminUser}"`,
    password: `"${acceptance.emulator.adminPassword}"`,
    ...assignments,
  };
  const lines = Object.entries(settings).filter(([, v]) => v !== 'null').map(([k, v]) => `  ${k} = ${v}`);
  return `terraform {\n  required_providers {\n    kestra = { source = "kestra-iam/kestra" }\n  }\n}\nprovider "kestra" {\n${lines.join('\n')}\n}\n`;
}

async function serverObjects(): Promise<number> {
  const counts = await Promise.all(
    ['/api/v1/main/service-accounts?size=500', '/api/v1/main/roles/search?size=500', '/api/v1/main/bindings/search?size=500'].map(
      async (path) => (await acceptance.emulator.api.get(path)).body.total as number,
    ),
  );
  return counts.reduce((a, b) => a + b, 0);
}

let before: number;
beforeAll(async () => {
  before = await serverObjects();
});

test('the matrix has at least 40 cases', () => {
  expect(atValidate.length + providerCases.length).toBeGreaterThanOrEqual(40);
});

test.each(atValidate)('%s fails at validate', async (_name, body, attribute, message) => {
  const ws = acceptance.workspace();
  ws.writeConfig(`${providerBlock()}\n${body}\n`);
  const result = await ws.run(['validate', '-no-color']);
  expect(result.code).toBe(1);
  expectDiagnostic(result.stderr, attribute, message);
});

test.each(providerCases)('%s fails at validate or plan', async (_name, overrides, attribute, message) => {
  const ws = acceptance.workspace();
  ws.writeConfig(`${providerBlock(overrides)}\n${sa('name = "never-created"')}\n`);
  const validate = await ws.run(['validate', '-no-color']);
  const result = validate.code !== 0 ? validate : await ws.run(['plan', '-no-color']);
  expect(result.code).toBe(1);
  expectDiagnostic(result.stderr, attribute, message);
});

test('none of these configurations created anything on the server', async () => {
  expect(await serverObjects()).toBe(before);
});

/** Terraform wraps long messages over several lines; the diagnostic must say the rule and name the attribute. */
function expectDiagnostic(stderr: string, attribute: string, message: RegExp): void {
  const text = stderr.replace(/\s+/g, ' ');
  expect(text).toMatch(message);
  expect(text).toMatch(new RegExp(`\\b${attribute}\\b`));
}
