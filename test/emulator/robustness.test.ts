import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createServiceAccount, startTestEmulator, uniqueName, type TestEmulator } from './support/emulator.js';

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator({ bodyLimit: 64 * 1024 });
});
afterAll(async () => t.close());

describe('malformed requests', () => {
  test.each(['{"name":', '{name: "x"}', "{'name':'x'}", 'not json', '{"name":"a",}'])('malformed JSON %p is 422 "Invalid json"', async (raw) => {
    const res = await t.api.call('POST', '/api/v1/main/service-accounts', { rawBody: raw });
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(/^Invalid json: /);
    expect(res.body._links.self.href).toBe('/api/v1/main/service-accounts');
    expect(res.body._embedded).toBeUndefined();
  });

  test.each([
    ['an object for a string', { name: { first: 'x' } }, 'IAMServiceAccountController$ApiServiceAccountRequest["name"]'],
    ['an array for a string', { name: ['x'] }, 'IAMServiceAccountController$ApiServiceAccountRequest["name"]'],
    ['text for a boolean', { name: 'ok', superAdmin: 'yes' }, 'IAMServiceAccountController$ApiServiceAccountRequest["superAdmin"]'],
    ['a string for a list', { name: 'ok', groups: 'g1' }, 'IAMServiceAccountController$ApiServiceAccountRequest["groups"]'],
    ['a string for a list item object', { name: 'ok', groups: ['g1'] }, 'IAMServiceAccountController$ApiServiceAccountRequest["groups"] > java.util.ArrayList[0]'],
  ])('%s is 422 "Invalid json mapping" with the reference path', async (_label, body, path) => {
    const res = await t.api.post('/api/v1/main/service-accounts', body);
    expect(res.status).toBe(422);
    expect(res.body.message).toBe('Invalid json mapping');
    expect(res.body._embedded.errors).toHaveLength(1);
    expect(res.body._embedded.errors[0].path).toBe(path);
    expect(res.body._embedded.errors[0].message).toMatch(/^Failed to convert argument \[request\]/);
  });

  test.each([['[]'], ['"a string"'], ['42']])('a body that is not an object (%s) is 422 "Invalid json mapping"', async (raw) => {
    const res = await t.api.call('POST', '/api/v1/main/service-accounts', { rawBody: raw });
    expect(res.status).toBe(422);
    expect(res.body.message).toBe('Invalid json mapping');
  });

  test('scalars are coerced to strings and "true" to a boolean, as Jackson does', async () => {
    const res = await t.api.post('/api/v1/main/service-accounts', { name: 12345 + process.pid, description: true });
    expect(res.status).toBe(200);
    expect(res.body.description).toBe('true');
    const flag = await t.api.post('/api/v1/service-accounts', { name: uniqueName(), superAdmin: 'true' });
    expect(flag.body.superAdmin).toBe(true);
  });

  test('a missing or null body is 422 "Required Body"', async () => {
    for (const rawBody of ['', 'null']) {
      const res = await t.api.call('POST', '/api/v1/main/service-accounts', { rawBody });
      expect(res.status).toBe(422);
      expect(res.body.message).toBe('Invalid route params: Required Body [request] not specified');
    }
  });

  test('unknown fields are ignored', async () => {
    const name = uniqueName();
    const res = await t.api.post('/api/v1/main/service-accounts', { name, id: 'chosen-by-client', tenantId: 'x', deleted: true, extra: { deep: [1] } });
    expect(res.status).toBe(200);
    expect(res.body.id).not.toBe('chosen-by-client');
    expect(Object.keys(res.body).sort()).toEqual(['groups', 'id', 'name', 'superAdmin']);
  });

  test('an oversized body is 413 and creates nothing', async () => {
    const name = uniqueName();
    const res = await t.api.post('/api/v1/main/service-accounts', { name, description: 'x'.repeat(100 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.message).toMatch(/^Request Entity Too Large/);
    const list = await t.api.get('/api/v1/main/service-accounts?size=1000');
    expect(list.body.results.map((r: { username: string }) => r.username)).not.toContain(name);
  });

  test('a non-JSON media type is 415', async () => {
    const res = await t.api.call('POST', '/api/v1/main/service-accounts', { rawBody: 'name=x', headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(415);
  });

  test('a body without Content-Type is read as JSON', async () => {
    const res = await t.api.call('POST', '/api/v1/main/service-accounts', {
      rawBody: JSON.stringify({ name: uniqueName() }),
      headers: { 'content-type': '' },
    });
    expect(res.status).toBe(200);
  });

  test('GET and DELETE with Content-Type: application/json and no body work (the official provider sends that)', async () => {
    const sa = await createServiceAccount(t.api);
    expect((await t.api.get(`/api/v1/main/service-accounts/${sa}`)).status).toBe(200);
    expect((await t.api.delete(`/api/v1/main/service-accounts/${sa}`, { headers: { 'content-length': '0' } })).status).toBe(200);
  });
});

describe('paging parameters', () => {
  test.each([
    ['page=abc', 422, 'Internal server error: Failed to convert argument [page] for value [abc]'],
    ['size=1.5', 422, 'Internal server error: Failed to convert argument [size] for value [1.5]'],
    ['page=0', 422, 'Illegal argument'],
    ['size=0', 422, 'Illegal argument'],
    ['page=-1', 422, 'Illegal argument'],
    ['page=99999999999', 422, 'Internal server error'],
  ])('%s is %i', async (query, status, message) => {
    const res = await t.api.get(`/api/v1/main/service-accounts?${query}`);
    expect(res.status).toBe(status);
    expect(res.body.message).toContain(message);
  });
});

describe('odd ids are 404, never 500', () => {
  const oddIds = [
    'does-not-exist',
    '%00',
    '%2e%2e',
    '..%2F..%2Fetc%2Fpasswd',
    "'%20OR%201=1--",
    '%F0%9F%92%A5',
    'a'.repeat(1500),
    '%E0%A4%A',
    '%25',
    'x%20y',
    '0',
  ];
  const routes = (id: string): Array<[string, string]> => [
    ['GET', `/api/v1/main/service-accounts/${id}`],
    ['DELETE', `/api/v1/main/service-accounts/${id}`],
    ['GET', `/api/v1/service-accounts/${id}`],
    ['DELETE', `/api/v1/service-accounts/${id}`],
    ['GET', `/api/v1/main/service-accounts/${id}/api-tokens`],
    ['DELETE', `/api/v1/main/service-accounts/${id}/api-tokens/${id}`],
    ['GET', `/api/v1/users/${id}`],
    ['GET', `/api/v1/users/${id}/api-tokens`],
    ['DELETE', `/api/v1/me/api-tokens/${id}`],
    ['GET', `/api/v1/main/roles/${id}`],
    ['GET', `/api/v1/main/bindings/${id}`],
    ['DELETE', `/api/v1/main/bindings/${id}`],
    ['GET', `/api/v1/main/groups/${id}`],
    ['GET', `/api/v1/main/groups/${id}/members`],
    ['GET', `/api/v1/tenants/${id}`],
    ['GET', `/api/v1/${id}/service-accounts/${id}`],
  ];

  test.each(oddIds)('id %p', async (id) => {
    for (const [method, path] of routes(id)) {
      const res = await t.api.call(method, path);
      expect({ method, path: path.slice(0, 120), status: res.status }).toEqual({ method, path: path.slice(0, 120), status: 404 });
    }
  });

  test('a PUT with a valid body to an unknown id is 404', async () => {
    expect((await t.api.put('/api/v1/main/service-accounts/nope', { name: 'valid-name' })).status).toBe(404);
    expect((await t.api.put('/api/v1/main/roles/nope', { name: 'r', permissions: {} })).status).toBe(404);
    expect((await t.api.put('/api/v1/main/groups/nope', { name: 'g' })).status).toBe(404);
    expect((await t.api.patch('/api/v1/service-accounts/nope', { name: 'valid-name' })).status).toBe(404);
  });

  test('unknown routes are 404 with a JsonError', async () => {
    const res = await t.api.get('/api/v1/main/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ message: 'Not Found', _links: { self: { href: '/api/v1/main/nothing-here', templated: false } } });
  });
});
