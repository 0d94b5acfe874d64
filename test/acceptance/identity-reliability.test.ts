/**
 * The ambiguous-create protocol for groups, memberships and users, with the real terraform against the emulator's
 * fault model: answers lost or damaged after the server did the work are looked up, never taken as "not created",
 * and the apply ends with exactly the declared objects.
 */
import { useAcceptance } from '../support/acceptance.js';
import { defer } from '../support/cleanup.js';

const acceptance = useAcceptance();
const api = () => acceptance.emulator.api;

async function fault(rule: Record<string, unknown>): Promise<void> {
  expect((await api().post('/__emulator/faults', rule)).status).toBe(201);
}

beforeEach(() => defer(() => api().delete('/__emulator/faults')));

const PASSWORD = 'lost-Answer-5150';

test('answers lost or damaged after the work (500, dropped, truncated): one apply, one group, one user who signs in, one membership', async () => {
  await fault({ method: 'POST', path: '^/api/v1/main/groups$', phase: 'after', status: 500 });
  await fault({ method: 'POST', path: '^/api/v1/users$', phase: 'after', drop: true });
  await fault({ method: 'PUT', path: '^/api/v1/main/groups/[^/]+/members/[^/]+$', phase: 'after', body: 'truncated' });
  const ws = acceptance.workspace();
  ws.writeConfig(PASSWORD, 'password.txt');
  ws.writeConfig(`${acceptance.emulator.providerBlock()}
resource "kestra_group" "g" {
  name = "flaky-team"
}
resource "kestra_user" "u" {
  email               = "flaky@example.com"
  password_wo         = trimspace(file("\${path.module}/password.txt"))
  password_wo_version = 1
}
resource "kestra_group_member" "m" {
  group_id   = kestra_group.g.id
  member_id  = kestra_user.u.id
  membership = "OWNER"
}
`);
  await ws.apply();
  expect((await api().get('/__emulator/faults')).body).toEqual({ faults: [] }); // every fault struck
  await ws.expectEmptyPlans();
  const state = await ws.state();
  const groups = (await api().get('/api/v1/main/groups/search?q=flaky-team&size=100')).body.results as { id: string; name: string }[];
  expect(groups.filter((g) => g.name === 'flaky-team').map((g) => g.id)).toEqual([state['kestra_group.g']!.id]);
  const users = (await api().get('/api/v1/users?q=flaky@example.com&size=100')).body.results as { id: string }[];
  expect(users.map((u) => u.id)).toEqual([state['kestra_user.u']!.id]);
  expect((await api().get('/api/v1/me', { auth: { basic: ['flaky@example.com', PASSWORD] } })).status).toBe(200);
  const members = (await api().get(`/api/v1/main/groups/${String(state['kestra_group.g']!.id)}/members`)).body.results as { id: string; groups: { membership: string }[] }[];
  expect(members.map((m) => `${m.id}=${m.groups[0]?.membership}`)).toEqual([`${String(state['kestra_user.u']!.id)}=OWNER`]);
  await ws.destroy();
});

test('a membership add slower than the timeout fails as unknown, not as refused; the next apply settles it to exactly one membership', async () => {
  const groupId = (await api().post('/api/v1/main/groups', { name: 'slow-team' })).body.id as string;
  const botId = (await api().post('/api/v1/main/service-accounts', { name: 'slow-bot' })).body.id as string;
  await fault({ method: 'PUT', path: `^/api/v1/main/groups/${groupId}/members/${botId}$`, phase: 'during', latencyMs: 3000 });
  const ws = acceptance.workspace();
  ws.writeConfig(`${acceptance.emulator.providerBlock('  timeout = 1\n')}
resource "kestra_group_member" "m" {
  group_id  = "${groupId}"
  member_id = "${botId}"
}
`);
  const first = await ws.run(['apply', '-auto-approve', '-no-color']);
  expect(first.code).toBe(1);
  expect(first.stderr.replace(/\s+/g, ' ')).toMatch(/may or may not have been created/);
  // Whatever the slow request did, the next apply ends with the one membership and nothing else to do.
  await ws.apply();
  await ws.expectEmptyPlans();
  const members = (await api().get(`/api/v1/main/groups/${groupId}/members`)).body.results as { id: string }[];
  expect(members.map((m) => m.id)).toEqual([botId]);
  await ws.destroy();
  expect((await api().get(`/api/v1/main/groups/${groupId}/members`)).body.results).toEqual([]);
});
