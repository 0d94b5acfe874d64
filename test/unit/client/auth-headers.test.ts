import { afterEach, describe, expect, it } from '@jest/globals';
import { mockKestra, PASSWORD, USERNAME } from './mock-kestra.js';

describe('request headers', () => {
  let close: () => Promise<void> = async () => {};
  afterEach(() => close());

  it('sends Basic credentials, JSON accept and the user agent', async () => {
    const k = mockKestra({ userAgent: 'test-agent/1.0' });
    close = k.close;
    k.reply('GET', '/api/v1/me', 200, { id: 'u1' });
    await k.client.users.getMe();
    const headers = k.seen[0]?.headers ?? {};
    expect(headers.authorization).toBe(`Basic ${Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64')}`);
    expect(headers.accept).toBe('application/json');
    expect(headers['user-agent']).toBe('test-agent/1.0');
    expect(headers['content-type']).toBeUndefined(); // no body, no content type
  });

  it('sends a Bearer token', async () => {
    const k = mockKestra({ auth: { kind: 'bearer', token: 'tok-123456' } });
    close = k.close;
    k.reply('GET', '/api/v1/me', 200, { id: 'sa1' });
    await k.client.users.getMe();
    expect(k.seen[0]?.headers.authorization).toBe('Bearer tok-123456');
  });

  it('sends no Authorization header with auth kind none', async () => {
    const k = mockKestra({ auth: { kind: 'none' }, extraHeaders: { 'CF-Access-Client-Id': 'abc' } });
    close = k.close;
    k.reply('GET', '/api/v1/me', 200, { id: 'sa1' });
    await k.client.users.getMe();
    expect(k.seen[0]?.headers.authorization).toBeUndefined();
    expect(k.seen[0]?.headers['cf-access-client-id']).toBe('abc');
  });

  it('lets extra headers override the client headers, Authorization included, whatever their case', async () => {
    const k = mockKestra({
      auth: { kind: 'bearer', token: 'tok-123456' },
      extraHeaders: { Authorization: 'Bearer from-proxy', 'Content-Type': 'application/vnd.custom+json', 'X-Team': 'iam' },
    });
    close = k.close;
    k.reply('POST', '/api/v1/main/groups', 200, { id: 'g1', name: 'ops' });
    await k.client.groups.create({ name: 'ops' });
    const headers = k.seen[0]?.headers ?? {};
    expect(headers.authorization).toBe('Bearer from-proxy');
    expect(headers['content-type']).toBe('application/vnd.custom+json');
    expect(headers['x-team']).toBe('iam');
  });

  it('sends a JSON content type with a body', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('POST', '/api/v1/main/groups', 200, { id: 'g1', name: 'ops' });
    await k.client.groups.create({ name: 'ops', description: 'Ops' });
    expect(k.seen[0]?.headers['content-type']).toBe('application/json');
    expect(k.seen[0]?.body).toEqual({ name: 'ops', description: 'Ops' });
  });
});
