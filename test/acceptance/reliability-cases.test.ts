/**
 * Issue 9, cases 1 to 8, each with the real terraform against the emulator's fault model: a stranger of the
 * same name, sibling tokens, a server slower than the timeout, unreadable answers and 5xx after the work, a
 * 200 without id, the provider killed with kill -9 mid-apply, secrets cut by a truncation, and what `timeout`
 * bounds. Each ends with the server holding exactly the declared objects (or an error the next apply settles),
 * nothing of anyone else touched.
 */
import { readdirSync, realpathSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { basename } from 'node:path';
import { useAcceptance } from '../support/acceptance.js';
import type { ApiClient } from '../support/api-client.js';
import { defer } from '../support/cleanup.js';
import { killThreeCreatesMidApply } from '../support/killed-creates.js';
import { useWorkspaces, type TerraformWorkspace } from '../support/terraform.js';
import { until } from '../support/until.js';

const acceptance = useAcceptance();
/** Workspaces whose terraform launches the provider itself (from bin/), as users run it, so it can be killed. */
const launchedByTerraform = useWorkspaces();

const api = (): ApiClient => acceptance.emulator.api;

async function fault(rule: Record<string, unknown>): Promise<void> {
  expect((await api().post('/__emulator/faults', rule)).status).toBe(201);
}

beforeEach(() => defer(() => api().delete('/__emulator/faults')));

async function accountsNamed(name: string): Promise<{ id: string; username: string; description?: string }[]> {
  const all = (await api().get('/api/v1/main/service-accounts?size=1000')).body.results as { id: string; username: string; description?: string }[];
  return all.filter((a) => a.username === name);
}

async function rolesNamed(name: string): Promise<{ id: string }[]> {
  return ((await api().get(`/api/v1/main/roles/search?q=${name}&size=100`)).body.results as { id: string; name: string }[]).filter((r) => r.name === name);
}

async function tokensOf(accountId: string): Promise<{ id: string; name: string }[]> {
  return (await api().get(`/api/v1/main/service-accounts/${accountId}/api-tokens`)).body.results;
}

async function bindingsOf(accountId: string): Promise<{ id: string; role: { id: string } }[]> {
  return (await api().get(`/api/v1/main/bindings/search?type=USER&id=${accountId}&size=100`)).body.results;
}

const authenticates = async (token: unknown) => typeof token === 'string' && (await api().get('/api/v1/me', { auth: { bearer: token } })).status === 200;

/** The provider terraform started in the working directory `dir`: the node process whose current directory it is. */
function providerRunningIn(dir: string): number {
  const wanted = realpathSync(dir);
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (realpathSync(`/proc/${pid}/cwd`) === wanted && basename(realpathSync(`/proc/${pid}/exe`)).startsWith('node')) return Number(pid);
    } catch {
      // a process that ended, or one of another user
    }
  }
  throw new Error(`no provider process runs in ${dir}`);
}

const failedApply = async (ws: TerraformWorkspace) => {
  const result = await ws.run(['apply', '-auto-approve', '-no-color']);
  expect(result.code).toBe(1);
  return result.stderr.replace(/\s+/g, ' ');
};

test('case 1: a stranger with the declared name is never adopted, even when the create is lost on the way', async () => {
  const stranger = await api().post('/api/v1/main/service-accounts', { name: 'payments-prod', description: 'team payments', superAdmin: true });
  expect(stranger.status).toBe(200);
  defer(() => api().delete(`/api/v1/service-accounts/${stranger.body.id}`));
  await fault({ method: 'POST', path: '^/api/v1/main/service-accounts$', drop: true });
  const ws = acceptance.workspace();
  ws.writeConfig(`${acceptance.emulator.providerBlock()}
resource "kestra_service_account" "p" {
  name        = "payments-prod"
  description = "ours"
}
`);
  expect(await failedApply(ws)).toContain('service account "payments-prod" already exists');
  // Untouched: same description, still superadmin, and not in this state (so destroy can never delete it).
  expect((await api().get(`/api/v1/service-accounts/${stranger.body.id}`)).body).toMatchObject({ description: 'team payments', superAdmin: true });
  expect(await ws.state()).toEqual({});
});

test('case 2: three same-name tokens, one answer lost after the server made the token: three live tokens, every secret works', async () => {
  await fault({ method: 'POST', path: '/api-tokens$', phase: 'after', drop: true });
  const ws = acceptance.workspace();
  ws.writeConfig(`${acceptance.emulator.providerBlock()}
resource "kestra_service_account" "s" {
  name = "sibling-bot"
}
resource "kestra_api_token" "t" {
  count              = 3
  service_account_id = kestra_service_account.s.id
  name               = "deploy"
}
`);
  await ws.apply();
  const state = await ws.state();
  const account = String(state['kestra_service_account.s']?.id);
  const secrets = [0, 1, 2].map((i) => state[`kestra_api_token.t[${i}]`]?.token);
  expect((await tokensOf(account)).map((t) => t.id).sort()).toEqual([0, 1, 2].map((i) => state[`kestra_api_token.t[${i}]`]?.token_id).sort());
  for (const secret of secrets) expect(await authenticates(secret)).toBe(true);
  await ws.expectEmptyPlans();
});

test('case 3: a server slower than the timeout gets no second create; the next apply settles the placeholders to one role and one token', async () => {
  const ws = acceptance.workspace();
  ws.writeConfig(`${acceptance.emulator.providerBlock('  timeout  = 2\n')}
resource "kestra_role" "r" {
  name        = "slow-role"
  permissions = { FLOW = ["READ"] }
}
resource "kestra_service_account" "s" {
  name = "slow-bot"
}
resource "kestra_api_token" "t" {
  service_account_id = kestra_service_account.s.id
  name               = "deploy"
}
`);
  await fault({ method: 'POST', path: '/roles$|/api-tokens$', phase: 'during', latencyMs: 5_000, count: 1_000 });
  const failed = await failedApply(ws);
  const account = (await accountsNamed('slow-bot'))[0]!.id;
  // The server finishes the work after the provider gave up on it.
  await until('the slow role and token', async () => (await rolesNamed('slow-role')).length > 0 && (await tokensOf(account)).length > 0);
  await api().delete('/__emulator/faults');

  const settling = await ws.planExitCode();
  expect(settling.stdout).toMatch(/kestra_role\.r is tainted, so must be replaced/);
  await ws.apply();
  await ws.expectEmptyPlans();
  expect(await rolesNamed('slow-role')).toHaveLength(1);
  const tokens = await tokensOf(account);
  expect(tokens.map((t) => t.id)).toEqual([(await ws.state())['kestra_api_token.t']?.token_id]);
  expect(await authenticates((await ws.state())['kestra_api_token.t']?.token)).toBe(true);
  // What the failed apply said: not sent again, so the user knows the next run settles it.
  expect(failed).toContain('role "slow-role" may or may not have been created');
  expect(failed).toContain('API token "deploy" may or may not have been created');
});

test('case 3, with siblings: after a token create of unknown outcome its same-name siblings wait for the next apply, so none is taken for the lost one', async () => {
  const ws = acceptance.workspace();
  ws.writeConfig(`${acceptance.emulator.providerBlock('  timeout  = 2\n')}
resource "kestra_service_account" "s" {
  name = "sibling-bot"
}
resource "kestra_api_token" "t" {
  count              = 3
  service_account_id = kestra_service_account.s.id
  name               = "deploy"
}
`);
  // Only the first token create is slow: the server makes it after the provider gave up on it.
  await fault({ method: 'POST', path: '/api-tokens$', phase: 'during', latencyMs: 5_000, count: 1 });
  const failed = await failedApply(ws);
  expect(failed).toContain('API token "deploy" may or may not have been created');
  expect(failed).toContain('API token "deploy" not created');
  const account = (await accountsNamed('sibling-bot'))[0]!.id;
  await until('the slow token', async () => (await tokensOf(account)).length > 0);
  // The siblings were not sent: the one token on the server is the lost one.
  expect(await tokensOf(account)).toHaveLength(1);

  await ws.apply();
  await ws.expectEmptyPlans();
  const state = await ws.state();
  const inState = [0, 1, 2].map((i) => state[`kestra_api_token.t[${i}]`]);
  expect((await tokensOf(account)).map((t) => t.id).sort()).toEqual(inState.map((t) => t?.token_id).sort());
  for (const token of inState) expect(await authenticates(token?.token)).toBe(true);
});

test('case 4: a truncated or cut-off 2xx and a 5xx after the work are looked up, not taken as "not created": one apply, one of each', async () => {
  await fault({ method: 'POST', path: '^/api/v1/main/service-accounts$', phase: 'after', body: 'truncated' });
  await fault({ method: 'POST', path: '/roles$', phase: 'after', status: 500 });
  await fault({ method: 'POST', path: '/bindings$', phase: 'after', body: 'interrupted' });
  await fault({ method: 'POST', path: '/api-tokens$', phase: 'after', status: 502 });
  const ws = acceptance.workspace();
  ws.writeConfig(`${acceptance.emulator.providerBlock()}
resource "kestra_role" "r" {
  name        = "answered-role"
  permissions = { FLOW = ["READ"] }
}
resource "kestra_service_account" "s" {
  name = "answered-bot"
}
resource "kestra_role_binding" "b" {
  role_id            = kestra_role.r.id
  service_account_id = kestra_service_account.s.id
}
resource "kestra_api_token" "t" {
  service_account_id = kestra_service_account.s.id
  name               = "deploy"
}
`);
  await ws.apply();
  expect((await api().get('/__emulator/faults')).body).toEqual({ faults: [] }); // every fault struck
  await ws.expectEmptyPlans();
  const state = await ws.state();
  const [account, ...otherAccounts] = await accountsNamed('answered-bot');
  expect(otherAccounts).toEqual([]);
  expect(account?.id).toBe(state['kestra_service_account.s']?.id);
  expect((await rolesNamed('answered-role')).map((r) => r.id)).toEqual([state['kestra_role.r']?.id]);
  expect((await bindingsOf(account!.id)).map((b) => b.id)).toEqual([state['kestra_role_binding.b']?.id]);
  expect((await tokensOf(account!.id)).map((t) => t.id)).toEqual([state['kestra_api_token.t']?.token_id]);
  expect(await authenticates(state['kestra_api_token.t']?.token)).toBe(true);
});

test('case 5: a 200 without id is never recorded as an object with id = null', async () => {
  await fault({ method: 'POST', path: '^/api/v1/main/service-accounts$', phase: 'after', body: 'without-id' });
  await fault({ method: 'POST', path: '/roles$', phase: 'after', body: 'without-id' });
  const ws = acceptance.workspace();
  ws.writeConfig(`${acceptance.emulator.providerBlock()}
resource "kestra_role" "r" {
  name        = "idless-role"
  permissions = { FLOW = ["READ"] }
}
resource "kestra_service_account" "s" {
  name = "idless-bot"
}
`);
  await ws.apply();
  await ws.expectEmptyPlans();
  const state = await ws.state();
  expect((await accountsNamed('idless-bot')).map((a) => a.id)).toEqual([state['kestra_service_account.s']?.id]);
  expect((await rolesNamed('idless-role')).map((r) => r.id)).toEqual([state['kestra_role.r']?.id]);
  expect(state['kestra_role.r']?.id).toEqual(expect.stringMatching(/./));
});

test('case 6: the provider killed with kill -9 while three creates were processed but unanswered: no 409, no duplicate, no orphan grant', async () => {
  await killThreeCreatesMidApply({
    // A provider process of its own (test/acceptance/reuse.test.ts kills a warm one, and its launcher).
    ws: launchedByTerraform({ env: { KESTRA_PROVIDER_REUSE: '0' } }),
    api: api(),
    providerHcl: acceptance.emulator.providerBlock(),
    prefix: 'killed',
    kill: (ws) => process.kill(providerRunningIn(ws.dir), 'SIGKILL'),
  });
});

describe('case 7: a secret cut by the 300-character truncation of a non-JSON error page', () => {
  /** A proxy in front of Kestra whose error page quotes the Authorization header, placed so the cut falls just before its end. */
  async function echoingProxy(): Promise<string> {
    const server: Server = createServer((req, res) => {
      const header = String(req.headers.authorization);
      const head = 'Bad gateway ';
      const lead = ' request headers: authorization=';
      // The cut keeps the first 300 characters of the flattened page: all of the header but its last character.
      const filler = '.'.repeat(300 + 1 - header.length - head.length - lead.length);
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end(`<html><body><h1>${head.trim()}</h1><p>${filler}${lead}${header}</p><p>${'more '.repeat(50)}</p></body></html>`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    defer(() => new Promise((resolve) => server.close(resolve)));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return `http://127.0.0.1:${address.port}`;
  }

  /** The longest run of characters of `secret` that `text` shows. */
  const longestLeak = (text: string, secret: string): number => {
    let longest = 0;
    for (let start = 0; start < secret.length; start++) {
      for (let end = secret.length; end > start + longest; end--) if (text.includes(secret.slice(start, end))) longest = end - start;
    }
    return longest;
  };

  test.each([
    ['a Basic header', { username: 'admin@kestra.io', password: 'Pipeline-Passw0rd!' }],
    ['a 48-character bearer token', { token: 'T0KEN7X2KM8vR3pL0nW5yT9bC4dF6gH1jK2mN3pQ4rS5tU6v' }],
  ])('%s: plan, its diagnostic and TF_LOG=trace show no 8 characters of it', async (_name, credentials) => {
    const url = await echoingProxy();
    const ws = launchedByTerraform(); // so the provider's own log lines are in terraform's trace
    const auth = 'token' in credentials ? `  api_token = "${credentials.token}"\n` : `  username = "${credentials.username}"\n  password = "${credentials.password}"\n`;
    ws.writeConfig(`terraform {\n  required_providers {\n    kestra = { source = "kestra-iam/kestra" }\n  }\n}\nprovider "kestra" {\n  url = "${url}"\n${auth}}\nresource "kestra_role" "r" {\n  name        = "never"\n  permissions = { FLOW = ["READ"] }\n}\n`);
    const result = await ws.run(['plan', '-no-color'], { TF_LOG: 'trace' });
    expect(result.code).toBe(1);
    const everything = result.stdout + result.stderr;
    expect(everything).toContain('Cannot reach Kestra');
    expect(everything).toContain('authorization=');
    const secrets =
      'token' in credentials
        ? [credentials.token]
        : [credentials.password, Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')];
    for (const secret of secrets) expect(longestLeak(everything, secret)).toBeLessThan(8);
  });
});

test('case 8: timeout bounds the whole create, its look-ups included, not each call', async () => {
  const ws = acceptance.workspace();
  ws.writeConfig(`${acceptance.emulator.providerBlock('  timeout  = 4\n')}
resource "kestra_role" "r" {
  name        = "timed-role"
  permissions = { FLOW = ["READ"] }
}
`);
  // Each call fits in the timeout (2.5 s < 4 s); the create's look-up before sending and its POST together do not.
  await fault({ method: 'GET', path: '/roles/search$', phase: 'during', latencyMs: 2_500, count: 1 });
  await fault({ method: 'POST', path: '/roles$', phase: 'during', latencyMs: 2_500, count: 1 });
  const failed = await failedApply(ws);
  expect(failed).toContain('role "timed-role" may or may not have been created');
  expect(failed).toContain('did not complete within the timeout (4000 ms for the whole operation');
  await until('the role the server made after all', async () => (await rolesNamed('timed-role')).length === 1);
  await ws.apply();
  await ws.expectEmptyPlans();
  expect((await rolesNamed('timed-role')).map((r) => r.id)).toEqual([(await ws.state())['kestra_role.r']?.id]);
});
