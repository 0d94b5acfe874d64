/**
 * docs/guides/bootstrapping.md, as written: examples/guides/bootstrap/bootstrap applies once with the first
 * superadmin's Basic auth, then manages itself with the token it created (rotation included); the platform
 * configuration applies with that token alone. Terraform launches the provider for each run, so that each run
 * gets exactly the credentials the guide gives it.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { REPO_ROOT } from '../support/paths.js';
import { useWorkspaces, type TerraformWorkspace } from '../support/terraform.js';

const GUIDE = join(REPO_ROOT, 'examples', 'guides', 'bootstrap');

const workspace = useWorkspaces();
let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator?.close();
});

type Credentials = Record<string, string>;
const basicAuth = (): Credentials => ({ KESTRA_USERNAME: emulator.adminUser, KESTRA_PASSWORD: emulator.adminPassword });
const bearer = (token: string): Credentials => ({ KESTRA_API_TOKEN: token });

/** A copy of one of the guide's configurations whose runs know only KESTRA_URL: each run brings its credentials. */
function configuration(name: string): TerraformWorkspace {
  const ws = workspace({ env: { KESTRA_URL: emulator.url } });
  cpSync(join(GUIDE, name), ws.dir, { recursive: true });
  return ws;
}

async function expectEmptyPlans(ws: TerraformWorkspace, credentials: Credentials): Promise<void> {
  for (const args of [['-refresh=false'], []]) {
    const plan = await ws.run(['plan', '-detailed-exitcode', '-no-color', ...args], credentials);
    if (plan.code !== 0) throw new Error(`expected an empty plan (${args.join(' ') || 'with refresh'}), got exit ${plan.code}:\n${plan.stdout}\n${plan.stderr}`);
  }
}

const status = async (path: string, token: string) => (await emulator.api.get(path, { auth: { bearer: token } })).status;

async function customObjects() {
  const results = async <T>(path: string) => (await emulator.api.get<{ results: T[] }>(`/api/v1/main/${path}`)).body.results;
  return {
    serviceAccounts: (await results<{ username: string }>('service-accounts?size=100')).map((a) => a.username).sort(),
    roles: (await results<{ name: string; isManaged: boolean }>('roles/search?size=100')).filter((r) => !r.isManaged).map((r) => r.name).sort(),
  };
}

test('bootstrap from Basic auth, then the token only: the platform applies, the token rotates itself, destroy leaves nothing', async () => {
  const bootstrap = configuration('bootstrap');
  await bootstrap.expect(['apply', '-auto-approve', '-no-color'], 0, basicAuth());
  const token = (await bootstrap.expect(['output', '-raw', 'terraform_token'], 0, basicAuth())).stdout;
  // The token is a superadmin's: it manages service accounts of any tenant.
  expect(await status('/api/v1/me', token)).toBe(200);
  expect(await status('/api/v1/main/service-accounts', token)).toBe(200);

  // From now on the bootstrap configuration runs with its own token and no password.
  await expectEmptyPlans(bootstrap, bearer(token));

  const platform = configuration('platform');
  await platform.expect(['apply', '-auto-approve', '-no-color'], 0, bearer(token));
  await expectEmptyPlans(platform, bearer(token));
  expect(await customObjects()).toEqual({ serviceAccounts: ['team-deployer', 'terraform'], roles: ['developer', 'viewer'] });
  const deployerToken = (await platform.expect(['output', '-raw', 'team_deployer_token'], 0, bearer(token))).stdout;
  expect(await status('/api/v1/me', deployerToken)).toBe(200);

  // Rotation, authenticated by the token being rotated: the new token exists before the old one is revoked.
  const before = emulator.logLines.length;
  bootstrap.writeConfig('token_rotation = "2"\n', 'terraform.tfvars');
  await bootstrap.expect(['apply', '-auto-approve', '-no-color'], 0, bearer(token));
  const rotated = (await bootstrap.expect(['output', '-raw', 'terraform_token'], 0, bearer(token))).stdout.trim();
  const calls = emulator.logLines.slice(before);
  const issued = calls.findIndex((line) => /^POST \/api\/v1\/main\/service-accounts\/[^/]+\/api-tokens 20\d /.test(line));
  const revoked = calls.findIndex((line) => /^DELETE \/api\/v1\/main\/service-accounts\/[^/]+\/api-tokens\/[^/ ]+ 20\d /.test(line));
  expect(issued).toBeGreaterThanOrEqual(0);
  expect(revoked).toBeGreaterThan(issued);
  expect(rotated).not.toBe(token);
  expect(await status('/api/v1/me', token)).toBe(401);
  expect(await status('/api/v1/me', rotated)).toBe(200);
  await expectEmptyPlans(bootstrap, bearer(rotated));
  await expectEmptyPlans(platform, bearer(rotated));

  // Teardown as the guide says: the platform with the token, the bootstrap with the first superadmin (the token
  // cannot revoke itself and then delete its own account).
  await platform.expect(['destroy', '-auto-approve', '-no-color'], 0, bearer(rotated));
  await bootstrap.expect(['destroy', '-auto-approve', '-no-color'], 0, basicAuth());
  expect(await customObjects()).toEqual({ serviceAccounts: [], roles: [] });
  expect(await status('/api/v1/me', rotated)).toBe(401);
});
