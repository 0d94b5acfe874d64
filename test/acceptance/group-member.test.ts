import { useAcceptance } from '../support/acceptance.js';
import { verifyImport } from '../support/import-verify.js';

const acceptance = useAcceptance();

const config = (body: string) => `${acceptance.emulator.providerBlock()}\n${body}`;

interface Member {
  id: string;
  groups?: { id: string; membership?: string }[];
}

/** The group's members on the server, as `id=MEMBERSHIP`, sorted. */
async function membersOf(groupId: string, tenant = 'main'): Promise<string[]> {
  const list = await acceptance.emulator.api.get(`/api/v1/${tenant}/groups/${groupId}/members?size=100`);
  expect(list.status).toBe(200);
  return (list.body.results as Member[]).map((m) => `${m.id}=${m.groups?.find((g) => g.id === groupId)?.membership}`).sort();
}

const team = (membership: string) => config(`
resource "kestra_group" "team" {
  name = "release-team"
}
resource "kestra_service_account" "bot" {
  name = "release-bot"
}
resource "kestra_group_member" "bot" {
  group_id  = kestra_group.team.id
  member_id = kestra_service_account.bot.id
  ${membership}
}
`);

test('kestra_group_member: add, change the membership in place, import, drift repaired, out-of-band removal, destroy', async () => {
  const api = acceptance.emulator.api;
  const ws = acceptance.workspace();
  ws.writeConfig(team(''));
  await ws.apply();
  const state = await ws.state();
  const groupId = state['kestra_group.team']!.id as string;
  const botId = state['kestra_service_account.bot']!.id as string;
  expect(state['kestra_group_member.bot']).toEqual({ id: `${groupId}/${botId}`, group_id: groupId, member_id: botId, membership: 'MEMBER', tenant_id: 'main' });
  expect(await membersOf(groupId)).toEqual([`${botId}=MEMBER`]);
  await ws.expectEmptyPlans();

  ws.writeConfig(team('membership = "OWNER"'));
  expect((await ws.planExitCode()).stdout).toContain('0 to add, 1 to change, 0 to destroy');
  await ws.apply();
  expect(await membersOf(groupId)).toEqual([`${botId}=OWNER`]);
  await ws.expectEmptyPlans();

  const { values: imported } = await verifyImport(ws, 'kestra_group_member.bot', { providerConfig: acceptance.emulator.providerBlock() });
  expect(imported).toEqual((await ws.state())['kestra_group_member.bot']);

  // The membership changed by hand is put back.
  expect((await api.put(`/api/v1/main/groups/${groupId}/members/membership/${botId}?membership=MEMBER`)).status).toBe(200);
  const drift = await ws.planExitCode();
  expect(drift.stdout).toMatch(/~ membership\s+= "MEMBER" -> "OWNER"/);
  await ws.apply();
  expect(await membersOf(groupId)).toEqual([`${botId}=OWNER`]);

  // Removed by hand: planned again, and added back.
  expect((await api.delete(`/api/v1/main/groups/${groupId}/members/${botId}`)).status).toBe(200);
  expect((await ws.planExitCode()).stdout).toContain('1 to add, 0 to change, 0 to destroy');
  await ws.apply();
  expect(await membersOf(groupId)).toEqual([`${botId}=OWNER`]);
  await ws.expectEmptyPlans();

  await ws.destroy();
  expect((await api.get(`/api/v1/main/groups/${groupId}`)).status).toBe(404);
  expect((await api.get(`/api/v1/main/service-accounts/${botId}`)).status).toBe(404);
});

test('kestra_group_member is additive: it never removes memberships it does not own, and never adopts one that existed', async () => {
  const api = acceptance.emulator.api;
  const groupId = (await api.post('/api/v1/main/groups', { name: 'shared' })).body.id as string;
  const byHand = (await api.post('/api/v1/main/service-accounts', { name: 'by-hand' })).body.id as string;
  const managed = (await api.post('/api/v1/main/service-accounts', { name: 'managed' })).body.id as string;
  expect((await api.put(`/api/v1/main/groups/${groupId}/members/${byHand}`)).status).toBe(200);

  const ws = acceptance.workspace();
  const member = (id: string) => config(`resource "kestra_group_member" "m" {\n  group_id  = "${groupId}"\n  member_id = "${id}"\n}\n`);
  ws.writeConfig(member(managed));
  await ws.apply();
  expect(await membersOf(groupId)).toEqual([`${byHand}=MEMBER`, `${managed}=MEMBER`].sort());
  await ws.destroy();
  expect(await membersOf(groupId)).toEqual([`${byHand}=MEMBER`]);

  // A membership made outside this configuration is refused, not taken over (and so not removed by a destroy).
  ws.writeConfig(member(byHand));
  const taken = await ws.run(['apply', '-auto-approve', '-no-color']);
  expect(taken.code).toBe(1);
  expect(taken.stderr).toMatch(/already exists[\s\S]*import it/);
  expect(taken.stderr).toContain(`main/${groupId}/${byHand}`);
  expect(await ws.state()).toEqual({});
  expect(await membersOf(groupId)).toEqual([`${byHand}=MEMBER`]);
});

test('groups unset on the account means "not managed there": kestra_group_member and the account agree, with no diff, on users and service accounts', async () => {
  const api = acceptance.emulator.api;
  const ws = acceptance.workspace();
  const body = (description: string, extraMember: boolean) => config(`
resource "kestra_group" "ops" {
  name = "ops"
}
resource "kestra_group" "oncall" {
  name = "oncall"
}
resource "kestra_service_account" "bot" {
  name        = "ops-bot"
  description = "${description}"
}
resource "kestra_group_member" "bot_ops" {
  group_id  = kestra_group.ops.id
  member_id = kestra_service_account.bot.id
}
resource "kestra_user" "ada" {
  email      = "ada@ops.example.com"
  first_name = "${description}"
}
resource "kestra_group_member" "ada_ops" {
  group_id  = kestra_group.ops.id
  member_id = kestra_user.ada.id
}
${extraMember ? `resource "kestra_group_member" "bot_oncall" {
  group_id  = kestra_group.oncall.id
  member_id = kestra_service_account.bot.id
}
resource "kestra_group_member" "ada_oncall" {
  group_id  = kestra_group.oncall.id
  member_id = kestra_user.ada.id
}` : ''}
`);
  ws.writeConfig(body('first', false));
  await ws.apply();
  const state = await ws.state();
  const [ops, oncall, bot, ada] = ['kestra_group.ops', 'kestra_group.oncall', 'kestra_service_account.bot', 'kestra_user.ada'].map((a) => state[a]!.id as string);
  await ws.expectEmptyPlans();
  // The accounts' read-back shows the membership.
  await ws.expect(['apply', '-refresh-only', '-auto-approve', '-no-color']);
  expect((await ws.state())['kestra_service_account.bot']!.groups).toEqual([ops]);
  expect((await ws.state())['kestra_user.ada']!.groups).toEqual([ops]);

  // The account changes in the same run as a second membership is added: the account's update keeps both.
  ws.writeConfig(body('second', true));
  await ws.apply();
  await ws.expectEmptyPlans();
  const groupsOnServer = ((await api.get(`/api/v1/main/service-accounts/${bot}`)).body.groups as { id: string }[]).map((g) => g.id).sort();
  expect(groupsOnServer).toEqual([ops, oncall!].sort());
  expect((await api.get(`/api/v1/main/service-accounts/${bot}`)).body.description).toBe('second');
  const userOnServer = (await api.get(`/api/v1/users/${ada}`)).body as { firstName: string; groups: { id: string }[] };
  expect(userOnServer.firstName).toBe('second');
  expect(userOnServer.groups.map((g) => g.id).sort()).toEqual([ops, oncall!].sort());

  // A membership added by hand is read back and kept too.
  const third = (await api.post('/api/v1/main/groups', { name: 'third' })).body.id as string;
  expect((await api.put(`/api/v1/main/groups/${third}/members/${bot}`)).status).toBe(200);
  expect((await api.put(`/api/v1/main/groups/${third}/members/${ada}`)).status).toBe(200);
  await ws.expectEmptyPlans();
  ws.writeConfig(body('third', true));
  await ws.apply();
  expect(await membersOf(third)).toEqual([`${bot}=MEMBER`, `${ada}=MEMBER`].sort());
  await ws.destroy();
});
