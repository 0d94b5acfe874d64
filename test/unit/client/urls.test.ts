import { afterEach, describe, expect, it } from '@jest/globals';
import { KestraClient } from '../../../provider/client/index.js';
import { mockKestra } from './mock-kestra.js';

const SA = { id: 'sa1', name: 'ci-bot', description: '', groups: [], superAdmin: false };

describe('request URLs', () => {
  let close: () => Promise<void> = async () => {};
  afterEach(() => close());

  it.each([
    ['no trailing slash', 'http://kestra.test:8080', '/api/v1/main/service-accounts/sa1'],
    ['trailing slashes', 'http://kestra.test:8080//', '/api/v1/main/service-accounts/sa1'],
    ['a base path', 'http://kestra.test:8080/kestra', '/kestra/api/v1/main/service-accounts/sa1'],
    ['a base path with a trailing slash', 'http://kestra.test:8080/kestra/', '/kestra/api/v1/main/service-accounts/sa1'],
  ])('builds the path from a URL with %s', async (_case, url, expected) => {
    const k = mockKestra({ url });
    close = k.close;
    k.reply('GET', expected, 200, SA);
    await expect(k.client.serviceAccounts.get('sa1')).resolves.toEqual(SA);
  });

  it('URL-encodes the tenant and ids', async () => {
    const k = mockKestra({ tenantId: 'team a/b' });
    close = k.close;
    k.reply('GET', '/api/v1/team%20a%2Fb/service-accounts/id%2F..%2Fx%3Fy', 200, SA);
    await k.client.serviceAccounts.get('id/../x?y');
    expect(k.seen).toHaveLength(1);
  });

  it('uses a per-call tenant instead of the client tenant', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('DELETE', '/api/v1/other/roles/r1', 204);
    k.reply('DELETE', '/api/v1/main/roles/r1', 204);
    await k.client.roles.delete('r1', { tenant: 'other' });
    await k.client.roles.delete('r1');
    expect(k.seen.map((r) => r.path)).toEqual(['/api/v1/other/roles/r1', '/api/v1/main/roles/r1']);
  });

  it('leaves the tenant out of instance-level paths', async () => {
    const k = mockKestra({ url: 'http://kestra.test:8080/kestra/' });
    close = k.close;
    k.reply('PATCH', '/kestra/api/v1/service-accounts/sa1/superadmin', 200);
    k.reply('GET', '/kestra/api/v1/users/u1/api-tokens', 200, { results: [], total: 0 });
    k.reply('GET', '/kestra/api/v1/me', 200, { id: 'u1' });
    await k.client.serviceAccounts.setSuperAdmin('sa1', true);
    await k.client.apiTokens.ofUser('u1').list();
    await k.client.users.getMe();
    expect(k.seen[0]?.body).toEqual({ superAdmin: true });
  });

  it('rejects an empty per-call tenant', async () => {
    const k = mockKestra();
    close = k.close;
    await expect(k.client.roles.get('r1', { tenant: '' })).rejects.toMatchObject({ code: 'KESTRA_INVALID_CONFIG' });
  });
});

describe('client options', () => {
  const base = { tenantId: 'main', auth: { kind: 'bearer', token: 'tok-abc' } as const, timeoutMs: 1000 };

  it.each([
    ['not a URL', 'kestra.test:8080 nope'],
    ['another scheme', 'ftp://kestra.test'],
    ['a query string', 'http://kestra.test/?a=1'],
  ])('rejects a url that is %s', (_case, url) => {
    expect(() => new KestraClient({ ...base, url })).toThrow(expect.objectContaining({ code: 'KESTRA_INVALID_CONFIG' }));
  });

  it('rejects credentials in the url without echoing them', () => {
    let error: unknown;
    try {
      new KestraClient({ ...base, url: 'http://bob:pa55word@kestra.test' });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'KESTRA_INVALID_CONFIG' });
    expect(String((error as Error).message)).not.toContain('pa55word');
  });

  it('rejects an empty tenant, a non-positive timeout and an empty bearer token', () => {
    const url = 'http://kestra.test';
    expect(() => new KestraClient({ ...base, url, tenantId: '' })).toThrow(/tenantId/);
    expect(() => new KestraClient({ ...base, url, timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => new KestraClient({ ...base, url, auth: { kind: 'bearer', token: '' } })).toThrow(/token/);
  });
});
