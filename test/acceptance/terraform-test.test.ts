/**
 * The `terraform test` example, examples/modules/service-account-with-token/tests/, run as a module's CI runs it:
 * `terraform init` (the packaged provider from a filesystem mirror, the test helper module), then `terraform test`,
 * once against the emulator and once with `mock_provider "kestra"` and no Kestra at all.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { REPO_ROOT } from '../support/paths.js';
import { installFromMirror, packageRelease, type Release } from '../support/release.js';
import { useWorkspaces } from '../support/terraform.js';

const MODULE = join(REPO_ROOT, 'examples', 'modules', 'service-account-with-token');

const workspace = useWorkspaces();
let emulator: TestEmulator;
let release: Release;

beforeAll(async () => {
  emulator = await startTestEmulator();
  release = await packageRelease();
}, 120_000);
afterAll(async () => {
  await emulator?.close();
  release?.remove();
});

/** A copy of the module, initialized from the mirror, whose terraform runs get `env`. */
async function initializedModule(env: Record<string, string>) {
  const ws = workspace({ env });
  cpSync(MODULE, ws.dir, { recursive: true });
  installFromMirror(ws, release.mirrorDir);
  await ws.expect(['init', '-no-color', '-input=false']);
  return ws;
}

/** What `terraform test` says about each run: { run name: pass | fail }. */
const runResults = (stdout: string) => Object.fromEntries([...stdout.matchAll(/^ {2}run "([^"]+)"\.\.\. (\w+)$/gm)].map((m) => [m[1], m[2]]));

async function customObjects() {
  const results = async <T>(path: string) => (await emulator.api.get<{ results: T[] }>(`/api/v1/main/${path}`)).body.results;
  return {
    serviceAccounts: (await results<{ username: string }>('service-accounts?size=100')).map((a) => a.username),
    roles: (await results<{ name: string; isManaged: boolean }>('roles/search?size=100')).filter((r) => !r.isManaged).map((r) => r.name),
    bindings: (await results<{ id: string }>('bindings/search?size=100')).map((b) => b.id),
  };
}

test('tests/emulator.tftest.hcl: every run passes against the emulator, and the teardown leaves nothing behind', async () => {
  const ws = await initializedModule({ KESTRA_URL: emulator.url, KESTRA_USERNAME: emulator.adminUser, KESTRA_PASSWORD: emulator.adminPassword });
  const before = emulator.logLines.length;
  const result = await ws.expect(['test', '-no-color', '-filter=tests/emulator.tftest.hcl']);
  expect(runResults(result.stdout)).toEqual({
    creates_a_bound_account_with_a_working_token: 'pass',
    rotates_the_token_on_demand_and_keeps_the_account: 'pass',
    the_new_token_authenticates_as_the_account: 'pass',
    narrows_the_grant_to_a_namespace: 'pass',
  });
  expect(result.stdout).toContain('Success! 4 passed, 0 failed.');
  // The runs reached the server: one account, two tokens (the first and its rotation).
  const calls = emulator.logLines.slice(before);
  expect(calls.filter((line) => /^POST \/api\/v1\/main\/service-accounts 200 /.test(line))).toHaveLength(1);
  expect(calls.filter((line) => /^POST \/api\/v1\/main\/service-accounts\/[^/ ]+\/api-tokens 20\d /.test(line))).toHaveLength(2);
  expect(await customObjects()).toEqual({ serviceAccounts: [], roles: [], bindings: [] });
});

test('tests/mock.tftest.hcl: every run passes with mock_provider, with no Kestra to talk to', async () => {
  // No KESTRA_* at all: a provider that tried to configure itself would fail on the missing URL.
  const ws = await initializedModule({});
  const before = emulator.logLines.length;
  const result = await ws.expect(['test', '-no-color', '-filter=tests/mock.tftest.hcl']);
  expect(runResults(result.stdout)).toEqual({
    names_everything_after_the_account: 'pass',
    wires_the_token_and_the_binding_to_the_account: 'pass',
    refuses_a_name_kestra_would_reject: 'pass',
  });
  expect(result.stdout).toContain('Success! 3 passed, 0 failed.');
  expect(emulator.logLines.length).toBe(before);
});

test('a failing assertion fails terraform test, naming the run and the message', async () => {
  const ws = await initializedModule({});
  ws.writeConfig(
    `mock_provider "kestra" {}\nvariables {\n  name        = "ci-bot"\n  permissions = { FLOW = ["READ"] }\n}\nrun "wrong_role_name" {\n  command = plan\n  assert {\n    condition     = kestra_role.this.name == "ci-bot"\n    error_message = "The role is named like the account."\n  }\n}\n`,
    'tests/broken.tftest.hcl',
  );
  const result = await ws.expect(['test', '-no-color', '-filter=tests/broken.tftest.hcl'], 1);
  expect(runResults(result.stdout)).toEqual({ wrong_role_name: 'fail' });
  expect(result.stderr).toContain('The role is named like the account.');
});
