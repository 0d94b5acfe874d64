/**
 * Issue 9's case 6, run by more than one test with a different kill: a role and an account applied, then an
 * apply of three creates (an account, a binding, a token) that the server does and whose answers it holds,
 * and of a fourth (a role) answered and stored by Terraform; `kill` lands then, after the work and before the
 * provider hears of the three. The next apply must adopt exactly what the killed creates made (no 409, no
 * duplicate, a token that authenticates), and not take the stored role's create for a leftover; plan empty,
 * leave the journal empty, and a destroy must leave nothing, no orphan grant either.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiClient } from './api-client.js';
import type { TerraformWorkspace } from './terraform.js';
import { until } from './until.js';

export interface KilledCreates {
  ws: TerraformWorkspace;
  api: ApiClient;
  /** `terraform { required_providers }` and the provider block. */
  providerHcl: string;
  /** Names the objects, so that tests of one emulator do not meet each other's. */
  prefix: string;
  /** Kills whatever the test kills, while the three creates are done and unanswered. */
  kill(ws: TerraformWorkspace): void;
}

export async function killThreeCreatesMidApply({ ws, api, providerHcl, prefix, kill }: KilledCreates): Promise<void> {
  const accountsNamed = async (name: string): Promise<{ id: string }[]> =>
    ((await api.get('/api/v1/main/service-accounts?size=1000')).body.results as { id: string; username: string }[]).filter((a) => a.username === name);
  const tokensOf = async (accountId: string): Promise<{ id: string }[]> => (await api.get(`/api/v1/main/service-accounts/${accountId}/api-tokens`)).body.results;
  const bindingsOf = async (accountId: string): Promise<{ id: string }[]> =>
    (await api.get(`/api/v1/main/bindings/search?type=USER&id=${accountId}&size=100`)).body.results;

  const base = `${providerHcl}
resource "kestra_role" "r" {
  name        = "${prefix}-role"
  permissions = { FLOW = ["READ"] }
}
resource "kestra_service_account" "a" {
  name = "${prefix}-a"
}
`;
  ws.writeConfig(base);
  await ws.apply();
  const a = String((await ws.state())['kestra_service_account.a']?.id);
  ws.writeConfig(`${base}
resource "kestra_service_account" "b" {
  name = "${prefix}-b"
}
resource "kestra_role_binding" "a" {
  role_id            = kestra_role.r.id
  service_account_id = kestra_service_account.a.id
}
resource "kestra_api_token" "a" {
  service_account_id = kestra_service_account.a.id
  name               = "deploy"
}
resource "kestra_role" "stored" {
  name        = "${prefix}-stored"
  permissions = { FLOW = ["READ"] }
}
`);
  const fault = { method: 'POST', path: '^/api/v1/main/(service-accounts|bindings|service-accounts/[^/]+/api-tokens)$', phase: 'after', latencyMs: 600_000, count: 3 };
  if ((await api.post('/__emulator/faults', fault)).status !== 201) throw new Error('the emulator refused the fault');
  const applying = ws.run(['apply', '-auto-approve', '-no-color']);
  await until(
    'the three creates done',
    async () => (await accountsNamed(`${prefix}-b`)).length === 1 && (await bindingsOf(a)).length === 1 && (await tokensOf(a)).length === 1,
  );
  await until('the fourth stored', async () => storedAddresses(ws).includes('kestra_role.stored'));
  const journal = join(ws.dir, '.terraform', 'kestra-iam', 'creates-in-flight');
  const inFlight = existsSync(journal) ? readdirSync(journal) : [];
  kill(ws);
  expect((await applying).code).toBe(1);
  await api.delete('/__emulator/faults');

  await ws.apply();
  await ws.expectEmptyPlans();
  const state = await ws.state();
  expect((await accountsNamed(`${prefix}-b`)).map((x) => x.id)).toEqual([state['kestra_service_account.b']?.id]);
  expect((await bindingsOf(a)).map((b) => b.id)).toEqual([state['kestra_role_binding.a']?.id]);
  expect((await tokensOf(a)).map((t) => t.id)).toEqual([state['kestra_api_token.a']?.token_id]);
  const token = state['kestra_api_token.a']?.token;
  expect(typeof token === 'string' && (await api.get('/api/v1/me', { auth: { bearer: token } })).status === 200).toBe(true);
  // The journal held the four creates when the provider died: the stored one had recorded the role it made,
  // which the refresh of the next apply retired. Nothing is left once the three were settled.
  expect(inFlight).toHaveLength(4);
  expect(inFlight.filter((name) => /\.[0-9a-f]{16}\.json$/.test(name))).toHaveLength(1);
  expect(readdirSync(journal)).toEqual([]);
  // No state names an entry: each create's entry recorded what it made instead (Terraform would otherwise copy
  // and rewrite the name with every change to the state).
  expect(journalNamesInState(ws)).toEqual([]);

  const role = String(state['kestra_role.r']?.id);
  await ws.destroy();
  expect(await accountsNamed(`${prefix}-a`)).toEqual([]);
  expect(await accountsNamed(`${prefix}-b`)).toEqual([]);
  expect((await api.get('/api/v1/main/bindings/search?size=100')).body.results.filter((b: { role: { id: string } }) => b.role.id === role)).toEqual([]);
}

/** The resources of the stored state, as Terraform writes it after each change (one may catch a file half-written). */
function storedAddresses(ws: TerraformWorkspace): string[] {
  try {
    const state = JSON.parse(readFileSync(join(ws.dir, 'terraform.tfstate'), 'utf8')) as { resources: { type: string; name: string }[] };
    return state.resources.map((r) => `${r.type}.${r.name}`);
  } catch {
    return [];
  }
}

/** The create journal entries the private data of the stored state's resources name. */
function journalNamesInState(ws: TerraformWorkspace): string[] {
  const state = JSON.parse(ws.readFile('terraform.tfstate')) as { resources: { instances: { private?: string }[] }[] };
  return state.resources
    .flatMap((r) => r.instances)
    .map((i) => (i.private === undefined ? {} : (JSON.parse(Buffer.from(i.private, 'base64').toString('utf8')) as { create_entry?: string })))
    .flatMap((p) => (p.create_entry === undefined ? [] : [p.create_entry]));
}
