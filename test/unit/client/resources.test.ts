import { afterEach, describe, expect, it } from '@jest/globals';
import { mockKestra } from './mock-kestra.js';

const account = (i: number) => ({ id: `id-${i}`, username: `sa-${i}`, displayName: `sa-${i}` });
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe('typed API calls', () => {
  let close: () => Promise<void> = async () => {};
  afterEach(() => close());

  it('creates, reads, replaces and deletes a service account', async () => {
    const k = mockKestra();
    close = k.close;
    const sa = { id: 'sa1', name: 'ci-bot', description: 'CI', groups: [{ id: 'g1' }], superAdmin: false };
    k.reply('POST', '/api/v1/main/service-accounts', 200, sa);
    k.reply('GET', '/api/v1/main/service-accounts/sa1', 200, sa);
    k.reply('PUT', '/api/v1/main/service-accounts/sa1', 200, { ...sa, description: 'CI v2' });
    k.reply('DELETE', '/api/v1/main/service-accounts/sa1', 200);
    const request = { name: 'ci-bot', description: 'CI', groups: [{ id: 'g1' }], superAdmin: false };
    await expect(k.client.serviceAccounts.create(request)).resolves.toEqual(sa);
    await expect(k.client.serviceAccounts.get('sa1')).resolves.toEqual(sa);
    await expect(k.client.serviceAccounts.update('sa1', { ...request, description: 'CI v2' })).resolves.toMatchObject({ description: 'CI v2' });
    await k.client.serviceAccounts.delete('sa1');
    expect(k.seen.map((r) => [r.method, r.body])).toEqual([
      ['POST', request],
      ['GET', undefined],
      ['PUT', { ...request, description: 'CI v2' }],
      ['DELETE', undefined],
    ]);
  });

  it('lists one page of service accounts', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('GET', '/api/v1/main/service-accounts?page=2&size=5', 200, { results: [account(6)], total: 6 });
    await expect(k.client.serviceAccounts.list({ page: 2, size: 5 })).resolves.toEqual({ results: [account(6)], total: 6 });
  });

  it('finds a service account by exact name across every page', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('GET', '/api/v1/main/service-accounts?filters%5Bname%5D%5BEQUALS%5D=sa-130&page=1&size=100', 200, { results: range(1, 100).map(account), total: 130 });
    k.reply('GET', '/api/v1/main/service-accounts?filters%5Bname%5D%5BEQUALS%5D=sa-130&page=2&size=100', 200, {
      results: [...range(101, 29).map(account), { id: 'x', username: 'sa-1301', displayName: 'near miss' }, { id: 'wanted', username: 'sa-130' }],
      total: 131,
    });
    await expect(k.client.serviceAccounts.findByName('sa-130')).resolves.toEqual([{ id: 'wanted', username: 'sa-130' }]);
  });

  it('stops walking pages at an empty page even if total promises more', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('GET', '/api/v1/main/service-accounts?filters%5Bname%5D%5BEQUALS%5D=sa-7&page=1&size=100', 200, { results: range(1, 100).map(account), total: 500 });
    k.reply('GET', '/api/v1/main/service-accounts?filters%5Bname%5D%5BEQUALS%5D=sa-7&page=2&size=100', 200, { results: [], total: 500 });
    await expect(k.client.serviceAccounts.findByName('sa-7')).resolves.toEqual([account(7)]);
  });

  it('reads the instance-level view of a service account', async () => {
    const k = mockKestra();
    close = k.close;
    const detail = { id: 'sa1', name: 'ci-bot', tenants: [{ id: 'main', name: 'Main' }], superAdmin: true };
    k.reply('GET', '/api/v1/service-accounts/sa1', 200, detail);
    await expect(k.client.serviceAccounts.getInstance('sa1')).resolves.toEqual(detail);
  });

  it('creates, lists and deletes service-account tokens under the tenant', async () => {
    const k = mockKestra();
    close = k.close;
    const token = { id: 't1', name: 'ci', description: 'd', prefix: 'TCAMX5', iat: '2024-01-01T00:00:00Z', extended: false, expired: false };
    k.reply('POST', '/api/v1/dev/service-accounts/sa%201/api-tokens', 200, { id: 't1', name: 'ci', fullToken: 'secret-value' });
    k.reply('GET', '/api/v1/dev/service-accounts/sa%201/api-tokens', 200, { results: [token], total: 1 });
    k.reply('DELETE', '/api/v1/dev/service-accounts/sa%201/api-tokens/t%2F1', 200, {});
    const tokens = k.client.apiTokens.ofServiceAccount('sa 1', { tenant: 'dev' });
    await expect(tokens.create({ name: 'ci', description: 'd', maxAge: 'P30D', extended: true })).resolves.toEqual({
      id: 't1',
      name: 'ci',
      fullToken: 'secret-value',
    });
    await expect(tokens.list()).resolves.toEqual([token]);
    await tokens.delete('t/1');
    expect(k.seen[0]?.body).toEqual({ name: 'ci', description: 'd', maxAge: 'P30D', extended: true });
  });

  it('creates, lists and deletes user tokens at instance level', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('POST', '/api/v1/users/u1/api-tokens', 201, { id: 't1', name: 'ci', fullToken: 'secret-value' });
    k.reply('GET', '/api/v1/users/u1/api-tokens', 200, { results: [], total: 0 });
    k.reply('DELETE', '/api/v1/users/u1/api-tokens/t1', 204);
    const tokens = k.client.apiTokens.ofUser('u1');
    await expect(tokens.create({ name: 'ci' })).resolves.toMatchObject({ id: 't1' });
    await expect(tokens.list()).resolves.toEqual([]);
    await expect(tokens.delete('t1')).resolves.toBeUndefined();
  });

  it('manages roles with 1.3 permission maps', async () => {
    const k = mockKestra();
    close = k.close;
    const body = { name: 'viewer', description: 'Read only', permissions: { FLOW: ['READ'], NAMESPACE: ['READ'] }, isDefault: false };
    const role = { id: 'r1', ...body, isManaged: false };
    k.reply('POST', '/api/v1/main/roles', 200, role);
    k.reply('GET', '/api/v1/main/roles/r1', 200, role);
    k.reply('PUT', '/api/v1/main/roles/r1', 200, role);
    k.reply('DELETE', '/api/v1/main/roles/r1', 204);
    await expect(k.client.roles.create(body)).resolves.toEqual(role);
    await expect(k.client.roles.get('r1')).resolves.toEqual(role);
    await expect(k.client.roles.update('r1', body)).resolves.toEqual(role);
    await k.client.roles.delete('r1');
    expect(k.seen[0]?.body).toEqual(body);
  });

  it('finds roles by exact name through the search endpoint', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('GET', '/api/v1/main/roles/search?q=ops+team&page=1&size=100', 200, {
      results: [
        { id: 'r1', name: 'ops team lead' },
        { id: 'r2', name: 'ops team' },
        { id: 'r3', name: 'Ops Team' },
      ],
      total: 3,
    });
    await expect(k.client.roles.findByName('ops team')).resolves.toEqual([{ id: 'r2', name: 'ops team' }]);
  });

  it('creates bindings, sending namespaceId only when set', async () => {
    const k = mockKestra();
    close = k.close;
    const detail = { id: 'b1', type: 'USER', namespace: null, role: { id: 'r1', name: 'viewer' }, user: { id: 'sa1', type: 'SERVICE_ACCOUNT' }, group: null };
    k.reply('POST', '/api/v1/main/bindings', 200, detail).times(3);
    await k.client.bindings.create({ type: 'USER', externalId: 'sa1', roleId: 'r1' });
    await k.client.bindings.create({ type: 'USER', externalId: 'sa1', roleId: 'r1', namespaceId: '' });
    await expect(k.client.bindings.create({ type: 'GROUP', externalId: 'g1', roleId: 'r1', namespaceId: 'prod.eng' })).resolves.toEqual(detail);
    expect(k.seen.map((r) => r.body)).toEqual([
      { type: 'USER', externalId: 'sa1', roleId: 'r1' },
      { type: 'USER', externalId: 'sa1', roleId: 'r1' },
      { type: 'GROUP', externalId: 'g1', roleId: 'r1', namespaceId: 'prod.eng' },
    ]);
  });

  it('reads, deletes and searches bindings', async () => {
    const k = mockKestra();
    close = k.close;
    const detail = { id: 'b1', type: 'USER', namespace: 'prod', role: { id: 'r1' }, user: { id: 'sa1' }, group: null };
    k.reply('GET', '/api/v1/main/bindings/b1', 200, detail);
    k.reply('DELETE', '/api/v1/main/bindings/b1', 204);
    k.reply('GET', '/api/v1/main/bindings/search?type=USER&id=sa1&namespace=prod&page=1&size=100', 200, { results: [detail], total: 1 });
    await expect(k.client.bindings.get('b1')).resolves.toEqual(detail);
    await k.client.bindings.delete('b1');
    await expect(k.client.bindings.search({ type: 'USER', externalId: 'sa1', namespace: 'prod' })).resolves.toEqual([detail]);
  });

  it('creates, reads and deletes users, and reads the caller', async () => {
    const k = mockKestra();
    close = k.close;
    const user = { id: 'u1', username: 'jane@example.com', email: 'jane@example.com', superAdmin: false };
    k.reply('POST', '/api/v1/users', 201, user);
    k.reply('GET', '/api/v1/users/u1', 200, user);
    k.reply('DELETE', '/api/v1/users/u1', 204);
    k.reply('GET', '/api/v1/me', 200, { id: 'admin', superAdmin: true, profile: { email: 'admin@kestra.io' } });
    await expect(k.client.users.create({ email: 'jane@example.com', tenants: ['main'] })).resolves.toEqual(user);
    await expect(k.client.users.get('u1')).resolves.toEqual(user);
    await k.client.users.delete('u1');
    await expect(k.client.users.getMe()).resolves.toMatchObject({ id: 'admin', superAdmin: true });
  });

  it('manages groups and their members', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('POST', '/api/v1/main/groups', 200, { id: 'g1', name: 'ops' });
    k.reply('GET', '/api/v1/main/groups/g1', 200, { id: 'g1', name: 'ops' });
    k.reply('PUT', '/api/v1/main/groups/g1/members/sa1', 200, { id: 'sa1', username: 'ci-bot', groups: [{ id: 'g1', membership: 'MEMBER' }] });
    k.reply('DELETE', '/api/v1/main/groups/g1/members/sa1', 200);
    k.reply('DELETE', '/api/v1/main/groups/g1', 200);
    await k.client.groups.create({ name: 'ops', description: 'Operators' });
    await expect(k.client.groups.get('g1')).resolves.toEqual({ id: 'g1', name: 'ops' });
    await expect(k.client.groups.addMember('g1', 'sa1')).resolves.toMatchObject({ id: 'sa1' });
    await k.client.groups.removeMember('g1', 'sa1');
    await k.client.groups.delete('g1');
    expect(k.seen[2]?.body).toBeUndefined();
  });
});
