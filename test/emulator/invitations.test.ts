/**
 * Invitations, followed as an invitee would: the mail (the emulator's outbox), the link, the account created from
 * it, and what the invitation hands out; and an inviter trying to hand out more than it holds.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { bind, createRole, createSaToken, createServiceAccount, startTestEmulator, uniqueName, type TestEmulator } from './support/emulator.js';

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(async () => t.close());

const email = () => `${uniqueName('invitee')}@example.com`;

async function inviteNew(api = t.api, body: Record<string, unknown> = {}, tenant = 'main'): Promise<{ id: string; email: string }> {
  const address = (body.email as string | undefined) ?? email();
  const res = await api.post(`/api/v1/${tenant}/invitations`, { email: address, ...body });
  expect(res.status).toBe(201);
  expect(res.text).toBe('');
  const listed = await t.api.get(`/api/v1/${tenant}/invitations/email/${address}`);
  return { id: listed.body[0].id, email: address };
}

async function mailTo(address: string): Promise<{ subject: string; link: string }> {
  const mails = (await t.api.get('/__emulator/outbox')).body.mails as Array<{ to: string; subject: string; link: string }>;
  const mail = mails.filter((m) => m.to === address).at(-1);
  if (!mail) throw new Error(`no mail to ${address}`);
  return mail;
}

describe('inviting somebody without an account', () => {
  test('mails a link; the account created from it joins the tenant with the roles and groups', async () => {
    const role = await createRole(t.api, { FLOW: ['READ'] });
    const group = (await t.api.post('/api/v1/main/groups', { name: uniqueName('group') })).body;
    const { id, email: address } = await inviteNew(t.api, { roles: [{ id: role, namespaces: ['prod', 'dev'] }, { id: 'viewer_main' }], groups: [group.id] });

    const mail = await mailTo(address);
    expect(mail.link).toBe(`${t.url}/ui/invitation/${id}`);
    const detail = (await t.api.get(`/api/v1/main/invitations/${id}`)).body;
    expect(detail).toMatchObject({ id, email: address, tenantId: 'main', status: 'PENDING', superAdmin: false, link: mail.link, groups: [{ id: group.id, name: group.name }] });
    expect(detail.roles.map((r: { id: string }) => r.id)).toEqual([role, 'viewer_main']);
    expect(Date.parse(detail.expiredAt) - Date.parse(detail.sentAt)).toBe(7 * 24 * 3600 * 1000);

    const created = await t.api.as('none').post(`/api/v1/invitation/create/${id}`, { firstName: 'Ada', lastName: 'Byron', password: 'Invited-Pa55' });
    expect(created.status).toBe(200);
    const me = t.api.as({ basic: [address, 'Invited-Pa55'] });
    const profile = (await me.get('/api/v1/me')).body;
    expect(profile.tenants).toEqual([{ id: 'main', name: 'main' }]);
    const bindings = (await t.api.get(`/api/v1/main/bindings/search?id=${profile.id}&size=10`)).body.results;
    expect(bindings.map((b: { role: { id: string }; namespace?: string }) => [b.role.id, b.namespace])).toEqual([
      [role, 'prod'],
      [role, 'dev'],
      ['viewer_main', undefined],
    ]);
    expect((await t.api.get(`/api/v1/main/groups/${group.id}/members`)).body.results.map((m: { id: string }) => m.id)).toEqual([profile.id]);
    expect((await t.api.get(`/api/v1/main/invitations/${id}`)).body.status).toBe('ACCEPTED');
    expect((await me.get('/api/v1/me/invitations')).body).toEqual([
      expect.objectContaining({ id, email: address, status: 'ACCEPTED', isExpired: false, deleted: false, userType: 'STANDARD', groupIds: [group.id] }),
    ]);

    expect((await t.api.as('none').post(`/api/v1/invitation/create/${id}`, { firstName: 'A', lastName: 'B', password: 'Invited-Pa55' })).status).toBe(409);
    expect((await t.api.as('none').post(`/api/v1/invitation/accept/${id}`)).status).toBe(409);
  });

  test('one pending invitation per email and tenant (409); deleting one (204) allows another', async () => {
    const { id, email: address } = await inviteNew();
    expect((await t.api.post('/api/v1/main/invitations', { email: address.toUpperCase() })).status).toBe(409);
    expect((await t.api.delete(`/api/v1/main/invitations/${id}`)).status).toBe(204);
    expect((await t.api.get(`/api/v1/main/invitations/${id}`)).status).toBe(404);
    expect((await t.api.delete(`/api/v1/main/invitations/${id}`)).status).toBe(404);
    await inviteNew(t.api, { email: address });
  });

  test('createUserIfNotExist creates the user at once (204), without a password', async () => {
    const address = email();
    expect((await t.api.post('/api/v1/main/invitations', { email: address, createUserIfNotExist: true, roles: [{ id: 'viewer_main' }] })).status).toBe(204);
    const found = (await t.api.get(`/api/v1/users?q=${encodeURIComponent(address)}`)).body.results;
    expect(found).toEqual([expect.objectContaining({ username: address, auths: [], tenants: [{ id: 'main', name: 'main' }] })]);
    expect((await t.api.get(`/api/v1/main/invitations/email/${address}`)).body).toEqual([]);
  });

  test('accepting needs an account (404); the link of nothing is 404', async () => {
    const { id } = await inviteNew();
    expect((await t.api.as('none').post(`/api/v1/invitation/accept/${id}`)).status).toBe(404);
    expect((await t.api.as('none').post('/api/v1/invitation/accept/nothing')).status).toBe(404);
  });
});

describe('inviting a user who exists', () => {
  test('grants access at once (204), and a second time is 409', async () => {
    const address = email();
    const user = (await t.api.post('/api/v1/users', { email: address })).body.id;
    const other = uniqueName('t');
    await t.api.post('/api/v1/tenants', { id: other, name: other });
    const res = await t.api.post(`/api/v1/${other}/invitations`, { email: address, roles: [{ id: `viewer_${other}` }] });
    expect(res.status).toBe(204);
    expect((await t.api.get(`/api/v1/${other}/tenant-access/${user}`)).body.roles.map((r: { id: string }) => r.id)).toEqual([`viewer_${other}`]);
    expect((await t.api.post(`/api/v1/${other}/invitations`, { email: address })).status).toBe(409);
  });

  test('who accepts an invitation made before the account existed', async () => {
    const { id, email: address } = await inviteNew(t.api, { roles: [{ id: 'launcher_main' }] });
    const user = (await t.api.post('/api/v1/users', { email: address })).body.id;
    expect((await t.api.as('none').post(`/api/v1/invitation/accept/${id}`)).status).toBe(200);
    expect((await t.api.get(`/api/v1/main/tenant-access/${user}`)).body.roles.map((r: { id: string }) => r.id)).toEqual(['launcher_main']);
  });
});

describe('what an inviter may hand out', () => {
  async function inviter(permissions: Record<string, string[]>) {
    const sa = await createServiceAccount(t.api);
    await bind(t.api, { type: 'USER', externalId: sa, roleId: await createRole(t.api, permissions) });
    return t.api.as({ bearer: (await createSaToken(t.api, sa)).fullToken });
  }

  test('no role it does not hold, no superadmin (403)', async () => {
    const client = await inviter({ INVITATION: ['CREATE', 'READ'], FLOW: ['READ'] });
    const tooMuch = await client.post('/api/v1/main/invitations', { email: email(), roles: [{ id: 'admin_main' }] });
    expect(tooMuch.status).toBe(403);
    expect(tooMuch.body.message).toBe('Forbidden: Insufficient privileges to create the invitation');
    const root = await client.post('/api/v1/main/invitations', { email: email(), superAdmin: true });
    expect(root.body.message).toBe('Forbidden: Insufficient privileges to invite a Superadmin user');
    expect((await client.post('/api/v1/main/invitations', { email: email(), roles: [{ id: await createRole(t.api, { FLOW: ['READ'] }) }] })).status).toBe(201);
  });

  test('roles and groups of the tenant only (404)', async () => {
    expect((await t.api.post('/api/v1/main/invitations', { email: email(), roles: [{ id: 'nope' }] })).status).toBe(404);
    expect((await t.api.post('/api/v1/main/invitations', { email: email(), groups: ['nope'] })).status).toBe(404);
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['an email the model refuses', { email: 'not an email' }, 'createInvitation.request.email: must match'],
    ['a role without id', { email: 'x@example.com', roles: [{ namespaces: ['a'] }] }, 'createInvitation.request.roles[0].id: must not be null'],
  ])('refuses %s (422)', async (_label, body, violation) => {
    const res = await t.api.post('/api/v1/main/invitations', body);
    expect(res.status).toBe(422);
    expect(res.body.message).toContain(violation);
  });
});

describe('listing invitations', () => {
  test('by email and status (1.3 parameters)', async () => {
    const tenant = uniqueName('inv');
    await t.api.post('/api/v1/tenants', { id: tenant, name: tenant });
    const a = await inviteNew(t.api, {}, tenant);
    const b = await inviteNew(t.api, {}, tenant);
    await t.api.as('none').post(`/api/v1/invitation/create/${b.id}`, { firstName: 'B', lastName: 'B', password: 'Invited-Pa55' });
    const ids = async (query: string) => (await t.api.get(`/api/v1/${tenant}/invitations/search?${query}`)).body.results.map((r: { id: string }) => r.id);
    expect(await ids('')).toEqual([a.id, b.id]);
    expect(await ids('status=ACCEPTED')).toEqual([b.id]);
    expect(await ids(`email=${encodeURIComponent(a.email)}`)).toEqual([a.id]);
    expect((await t.api.get(`/api/v1/${tenant}/invitations/search?status=LOST`)).status).toBe(422);
  });
});

describe('an invitation that expired', () => {
  test('shows EXPIRED, is 410 to accept, and another may be sent', async () => {
    const e = await startTestEmulator();
    try {
      const address = email();
      expect((await e.api.post('/api/v1/main/invitations', { email: address })).status).toBe(201);
      const id = (await e.api.get(`/api/v1/main/invitations/email/${address}`)).body[0].id;
      await e.api.post('/__emulator/clock', { advance: 'P7DT1M' });
      expect((await e.api.get(`/api/v1/main/invitations/${id}`)).body.status).toBe('EXPIRED');
      expect((await e.api.get('/api/v1/main/invitations/search?status=EXPIRED')).body.results.map((r: { id: string }) => r.id)).toEqual([id]);
      const accepted = await e.api.as('none').post(`/api/v1/invitation/create/${id}`, { firstName: 'A', lastName: 'B', password: 'Invited-Pa55' });
      expect(accepted.status).toBe(410);
      expect((await e.api.post('/api/v1/main/invitations', { email: address })).status).toBe(201);
    } finally {
      await e.close();
    }
  });
});

describe('Kestra 2.0', () => {
  test('lists invitations with filters', async () => {
    const v2 = await startTestEmulator({ kestraVersion: '2.0' });
    try {
      const address = email();
      await v2.api.post('/api/v1/main/invitations', { email: address });
      const res = await v2.api.get(`/api/v1/main/invitations/search?filters[email][EQUALS]=${encodeURIComponent(address)}&filters[status][IN]=PENDING,EXPIRED`);
      expect(res.body).toMatchObject({ total: 1, results: [{ email: address, status: 'PENDING' }] });
    } finally {
      await v2.close();
    }
  });
});
