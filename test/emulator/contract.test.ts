import { describe, expect, test } from '@jest/globals';
import { buildEmulator } from '../../emulator/index.js';
import { ApiClient } from './support/client.js';
import { contractViolations } from './support/contract.js';

describe('the contract checker itself', () => {
  const valid = { id: 'abc', name: 'ci-bot', description: 'd', groups: [{ id: 'g' }], superAdmin: false };

  test('accepts a response that follows the spec', async () => {
    expect(await contractViolations('1.3', { method: 'POST', path: '/api/v1/main/service-accounts', status: 200, body: valid })).toEqual([]);
  });

  test.each([
    ['an undocumented field', { method: 'POST', path: '/api/v1/main/service-accounts', status: 200, body: { ...valid, secret: 'x' } }],
    ['a wrongly typed field', { method: 'POST', path: '/api/v1/main/service-accounts', status: 200, body: { ...valid, superAdmin: 'no' } }],
    ['an undocumented success status', { method: 'POST', path: '/api/v1/main/service-accounts', status: 201, body: valid }],
    ['a body where the spec documents none', { method: 'DELETE', path: '/api/v1/service-accounts/abc', status: 204, body: {} }],
    ['a success on a path the spec does not have', { method: 'GET', path: '/api/v1/nowhere/at/all/really', status: 200, body: {} }],
    ['an error body that is not a JsonError', { method: 'GET', path: '/api/v1/me', status: 401, body: { error: 'nope' } }],
    [
      'an untyped token answer that does not match its typed twin',
      { method: 'POST', path: '/api/v1/main/service-accounts/abc/api-tokens', status: 200, body: { id: 'x', token: 'y' } },
    ],
    [
      'a 2.0 token list item without its required prefix',
      { method: 'GET', path: '/api/v1/users/abc/api-tokens', status: 200, body: { results: [{ id: 'x', name: 'n', iat: '2024-01-01T00:00:00Z' }] } },
    ],
    ['a date-time that is not one', { method: 'GET', path: '/api/v1/users/abc/api-tokens', status: 200, body: { results: [{ id: 'x', name: 'n', prefix: 'P', iat: 'yesterday' }] } }],
  ])('rejects %s', async (_label, response) => {
    expect((await contractViolations('2.0', response)).length).toBeGreaterThan(0);
  });
});

describe('buildEmulator', () => {
  // light-my-request (fastify's inject) cannot be loaded under jest on Node 20, so the built app listens here.
  test('returns an app that is not listening yet and serves the API once started', async () => {
    const app = buildEmulator();
    try {
      expect(app.server.listening).toBe(false);
      const address = await app.listen({ host: '127.0.0.1', port: 0 });
      const me = await new ApiClient(address).get('/api/v1/me');
      expect(me.status).toBe(200);
      expect(me.body.superAdmin).toBe(true);
    } finally {
      await app.close();
    }
  });
});
