import { useAcceptance } from '../support/acceptance.js';
import { defer } from '../support/cleanup.js';
import { providerBlock, startTestEmulator } from '../support/emulator.js';

const acceptance = useAcceptance();

const config = (body: string) => `${acceptance.emulator.providerBlock()}\n${body}`;

/** Requests the emulator logged since `from` whose method and path (query strings are not logged) match. */
const requestsSince = (from: number, method: string, path: string) =>
  acceptance.emulator.logLines.slice(from).filter((line) => line.startsWith(`${method} ${path} `)).length;

test('data source kestra_user: by id, and by email ignoring case with one filtered list call, never a walk of every user', async () => {
  const api = acceptance.emulator.api;
  // More users than one page, so a look-up that walked the list would need a second call.
  for (let i = 0; i < 105; i++) expect((await api.post('/api/v1/users', { email: `filler-${i}@example.com` })).status).toBe(201);
  const ws = acceptance.workspace();
  ws.writeConfig(config(`
resource "kestra_group" "readers" {
  name = "readers"
}
resource "kestra_user" "ada" {
  email      = "Ada.Lovelace@Example.com"
  first_name = "Ada"
  last_name  = "Lovelace"
  groups     = [kestra_group.readers.id]
}
data "kestra_user" "by_email" {
  email      = "ada.lovelace@example.COM"
  depends_on = [kestra_user.ada]
}
data "kestra_user" "by_id" {
  id = kestra_user.ada.id
}
`));
  await ws.apply();
  const state = await ws.state();
  const { id } = state['kestra_user.ada']!;
  const group = state['kestra_group.readers']!.id;
  const expected = { id, email: 'Ada.Lovelace@Example.com', first_name: 'Ada', last_name: 'Lovelace', super_admin: false, groups: [group], tenants: ['main'] };
  expect(state['data.kestra_user.by_email']).toEqual(expected);
  expect(state['data.kestra_user.by_id']).toEqual(expected);

  const before = acceptance.emulator.logLines.length;
  await ws.expect(['plan', '-no-color']);
  // The data source by email lists once (filtered); the by-id one and the resource read the user itself.
  expect(requestsSince(before, 'GET', '/api/v1/users')).toBe(1);

  ws.writeConfig(config('data "kestra_user" "nobody" {\n  email = "nobody@example.com"\n}\n'));
  const missing = await ws.run(['plan', '-no-color']);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toMatch(/user not found[\s\S]*nobody@example.com/);
  ws.writeConfig(config(''));
  await ws.apply();
  expect((await api.get(`/api/v1/users/${String(id)}`)).status).toBe(404);
});

test('data sources kestra_users and kestra_service_accounts: filtered by the server, every page read', async () => {
  const api = acceptance.emulator.api;
  for (let i = 0; i < 103; i++) expect((await api.post('/api/v1/users', { email: `team-${String(i).padStart(3, '0')}@corp.example.com` })).status).toBe(201);
  expect((await api.post('/api/v1/users', { email: 'outsider@other.example.com' })).status).toBe(201);
  for (let i = 0; i < 102; i++) expect((await api.post('/api/v1/main/service-accounts', { name: `batch-${i}` })).status).toBe(200);
  expect((await api.post('/api/v1/main/service-accounts', { name: 'lonely', description: 'no match' })).status).toBe(200);
  const ws = acceptance.workspace();
  ws.writeConfig(config(`
data "kestra_users" "corp" {
  email_contains = "@CORP.example.com"
}
data "kestra_users" "all" {}
data "kestra_service_accounts" "batch" {
  name_contains = "batch-"
}
data "kestra_service_accounts" "lonely" {
  name_contains = "lone"
}
`));
  const everyone = (await api.get('/api/v1/users?size=1')).body.total as number;
  const before = acceptance.emulator.logLines.length;
  await ws.apply();
  const state = await ws.state();
  const corp = state['data.kestra_users.corp']!.users as { email: string; super_admin: boolean; tenants: string[] }[];
  expect(corp).toHaveLength(103);
  expect(corp.every((u) => u.email.endsWith('@corp.example.com'))).toBe(true);
  expect(corp[0]).toMatchObject({ email: 'team-000@corp.example.com', super_admin: false });
  const all = (state['data.kestra_users.all']!.users as { email: string }[]).map((u) => u.email);
  expect(all).toEqual(expect.arrayContaining(['outsider@other.example.com', acceptance.emulator.adminUser]));
  expect(all).toHaveLength(everyone);
  const batch = state['data.kestra_service_accounts.batch']!.service_accounts as { name: string }[];
  expect(batch).toHaveLength(102);
  expect(batch.every((sa) => sa.name.startsWith('batch-'))).toBe(true);
  expect(state['data.kestra_service_accounts.lonely']).toMatchObject({
    tenant_id: 'main',
    service_accounts: [{ id: expect.any(String), name: 'lonely', description: 'no match', groups: [] }],
  });
  // Two pages for 103 corp users, every page of all users, two for 102 batch accounts, one for "lone": the filter is the server's.
  expect(requestsSince(before, 'GET', '/api/v1/users')).toBe(2 + Math.ceil(everyone / 100));
  expect(requestsSince(before, 'GET', '/api/v1/main/service-accounts')).toBe(3);
  await ws.expectEmptyPlans();
});

test('data source kestra_users: ordered by email byte by byte, the same in every locale, as Go sorts strings', async () => {
  const api = acceptance.emulator.api;
  // A locale-aware order (ICU collation, say) would give alice, Bob, zed, Zoe; bytes put capitals first.
  for (const email of ['zed@order.example.com', 'Bob@order.example.com', 'alice@order.example.com', 'Zoe@order.example.com']) {
    expect((await api.post('/api/v1/users', { email })).status).toBe(201);
  }
  const ws = acceptance.workspace();
  ws.writeConfig(config('data "kestra_users" "order" {\n  email_contains = "@order.example.com"\n}\n'));
  await ws.apply();
  const users = (await ws.state())['data.kestra_users.order']!.users as { email: string }[];
  expect(users.map((u) => u.email)).toEqual(['Bob@order.example.com', 'Zoe@order.example.com', 'alice@order.example.com', 'zed@order.example.com']);
});

test('data source kestra_me: the superadmin, a regular user signed in with their password, a service account with its token', async () => {
  const api = acceptance.emulator.api;
  expect((await api.post('/api/v1/tenants', { id: 'research', name: 'Research' })).status).toBe(200);
  const userId = (await api.post('/api/v1/users', { email: 'regular@example.com', firstName: 'Reg', password: 'regular-Pass-123', tenants: ['research'] })).body.id as string;
  const saId = (await api.post('/api/v1/research/service-accounts', { name: 'reporter' })).body.id as string;
  const token = (await api.post(`/api/v1/research/service-accounts/${saId}/api-tokens`, { name: 'me' })).body.fullToken as string;
  const me = 'data "kestra_me" "current" {}\n';

  const admin = acceptance.workspace();
  admin.writeConfig(config(me));
  await admin.apply();
  expect((await admin.state())['data.kestra_me.current']).toMatchObject({ username: acceptance.emulator.adminUser, super_admin: true });
  expect((await admin.state())['data.kestra_me.current']!.tenants).toEqual(expect.arrayContaining(['main', 'research']));

  const regular = acceptance.workspace();
  regular.writeConfig(`${providerBlock({ url: acceptance.emulator.url, username: 'regular@example.com', password: 'regular-Pass-123' }, '  tenant_id = "research"\n')}\n${me}`);
  await regular.apply();
  expect((await regular.state())['data.kestra_me.current']).toEqual({
    id: userId, username: 'regular@example.com', email: 'regular@example.com', first_name: 'Reg', last_name: null, super_admin: false, tenants: ['research'],
  });

  const machine = acceptance.workspace();
  machine.writeConfig(`terraform {\n  required_providers {\n    kestra = { source = "kestra-iam/kestra" }\n  }\n}\nprovider "kestra" {\n  url = "${acceptance.emulator.url}"\n  api_token = "${token}"\n  tenant_id = "research"\n}\n${me}`);
  await machine.apply();
  expect((await machine.state())['data.kestra_me.current']).toMatchObject({ id: saId, username: 'reporter', email: null, super_admin: false, tenants: ['research'] });
  await machine.expectEmptyPlans();
});

test('against a Kestra 2.0 server: groups, memberships and users, and every look-up, with the filters 2.0 has', async () => {
  const server20 = await startTestEmulator({ kestraVersion: '2.0' });
  defer(() => server20.close());
  // A group whose name contains the wanted one: only the exact name may match.
  expect((await server20.api.post('/api/v1/main/groups', { name: 'devops' })).status).toBe(200);
  const ws = acceptance.workspace();
  ws.writeConfig(`${server20.providerBlock()}
resource "kestra_group" "ops" {
  name        = "ops"
  description = "Operations"
}
resource "kestra_user" "ada" {
  email = "ada@ops.example.com"
}
resource "kestra_service_account" "bot" {
  name = "ops-bot"
}
resource "kestra_group_member" "ada" {
  group_id   = kestra_group.ops.id
  member_id  = kestra_user.ada.id
  membership = "OWNER"
}
resource "kestra_group_member" "bot" {
  group_id  = kestra_group.ops.id
  member_id = kestra_service_account.bot.id
}
data "kestra_group" "ops" {
  name       = "ops"
  depends_on = [kestra_group.ops]
}
data "kestra_user" "ada" {
  email      = "ADA@ops.example.com"
  depends_on = [kestra_user.ada]
}
data "kestra_users" "ops" {
  email_contains = "@ops.example"
  depends_on     = [kestra_user.ada]
}
data "kestra_service_accounts" "ops" {
  name_contains = "ops-"
  depends_on    = [kestra_service_account.bot]
}
data "kestra_me" "current" {}
`);
  await ws.apply();
  await ws.expectEmptyPlans();
  const state = await ws.state();
  const ids = (address: string) => state[address]!.id;
  expect(state['data.kestra_group.ops']).toMatchObject({ id: ids('kestra_group.ops'), description: 'Operations' });
  expect(state['data.kestra_user.ada']).toMatchObject({ id: ids('kestra_user.ada'), email: 'ada@ops.example.com' });
  expect((state['data.kestra_users.ops']!.users as { id: string }[]).map((u) => u.id)).toEqual([ids('kestra_user.ada')]);
  expect((state['data.kestra_service_accounts.ops']!.service_accounts as { id: string }[]).map((sa) => sa.id)).toEqual([ids('kestra_service_account.bot')]);
  expect(state['data.kestra_me.current']).toMatchObject({ username: server20.adminUser, super_admin: true });
  const members = (await server20.api.get(`/api/v1/main/groups/${String(ids('kestra_group.ops'))}/members`)).body.results as { id: string; groups: { membership: string }[] }[];
  expect(members.map((m) => `${m.id}=${m.groups[0]?.membership}`).sort()).toEqual([`${ids('kestra_user.ada')}=OWNER`, `${ids('kestra_service_account.bot')}=MEMBER`].sort());
  await ws.destroy();
  expect((await server20.api.get(`/api/v1/main/groups/${String(ids('kestra_group.ops'))}`)).status).toBe(404);
});
