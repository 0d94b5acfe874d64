import { afterEach, describe, expect, it } from '@jest/globals';
import { mockKestra } from './mock-kestra.js';

const rejectionOf = (promise: Promise<unknown>): Promise<Error> => promise.then(() => { throw new Error('expected a rejection'); }, (error: Error) => error);

describe('users, groups and memberships', () => {
  let close: () => Promise<void> = async () => {};
  afterEach(() => close());

  it('finds a user by email with one filtered call, matching case as the server does', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('GET', '/api/v1/users?filters%5Busername%5D%5BEQUALS%5D=Ada%40Example.com&page=1&size=100', 200, {
      results: [{ id: 'u1', username: 'ada@example.com' }, { id: 'u2', username: 'ada@example.com.evil' }],
      total: 2,
    });
    await expect(k.client.users.findByEmail('Ada@Example.com')).resolves.toEqual([{ id: 'u1', username: 'ada@example.com' }]);
    expect(k.seen).toHaveLength(1);
  });

  it('sends a password only in the body, and never quotes it back in an error', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('PATCH', '/api/v1/users/u1/password', 422, { message: 'Invalid entity: password Sup3r-Secret-9 is too weak' });
    const error = await rejectionOf(k.client.users.setPassword('u1', 'Sup3r-Secret-9'));
    expect(error.message).toMatch(/Invalid entity/);
    expect(error.message).not.toContain('Sup3r-Secret-9');
    expect(k.seen[0]?.body).toEqual({ password: 'Sup3r-Secret-9' });
  });

  it('looks a group up by name with both the 1.3 q and the 2.0 filter, and keeps exact matches only', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('GET', '/api/v1/main/groups/search?q=ops&filters%5Bname%5D%5BEQUALS%5D=ops&page=1&size=100', 200, {
      results: [{ id: 'g1', name: 'ops' }, { id: 'g2', name: 'devops' }],
      total: 2,
    });
    await expect(k.client.groups.findByName('ops')).resolves.toEqual([{ id: 'g1', name: 'ops' }]);
  });

  it('adds a member once, without retrying a lost answer, and changes its membership', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('PUT', '/api/v1/main/groups/g1/members/sa1', 502, { message: 'bad gateway' }).times(3);
    await rejectionOf(k.client.groups.addMember('g1', 'sa1'));
    // A PUT is retried by default; this one must not be, or its second answer (409 "already a member") would hide the first.
    expect(k.seen).toHaveLength(1);
    k.reply('PUT', '/api/v1/main/groups/g1/members/membership/sa1?membership=OWNER', 200, { id: 'sa1', groups: [{ id: 'g1', membership: 'OWNER' }] });
    await expect(k.client.groups.setMembership('g1', 'sa1', 'OWNER')).resolves.toMatchObject({ groups: [{ id: 'g1', membership: 'OWNER' }] });
  });

  it('refuses a user answer without an email and a member answer with an unknown membership', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('GET', '/api/v1/users/u1', 200, { id: 'u1' });
    expect((await rejectionOf(k.client.users.get('u1'))).message).toMatch(/unexpected shape/);
    k.reply('PUT', '/api/v1/main/groups/g1/members/membership/sa1?membership=MEMBER', 200, { id: 'sa1', groups: [{ id: 'g1', membership: 'BOSS' }] });
    expect((await rejectionOf(k.client.groups.setMembership('g1', 'sa1', 'MEMBER'))).message).toMatch(/unexpected shape/);
  });
});
