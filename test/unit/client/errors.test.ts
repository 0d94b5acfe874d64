import { afterEach, describe, expect, it } from '@jest/globals';
import {
  isKestraError,
  KestraApiError,
  KestraConflictError,
  KestraForbiddenError,
  KestraNotFoundError,
  KestraResponseError,
  KestraUnauthorizedError,
  KestraValidationError,
} from '../../../provider/client/index.js';
import { mockKestra, rejectionOf } from './mock-kestra.js';

// Bodies shaped like Micronaut's JsonError, as Kestra's ErrorController renders them.
const links = (href: string) => ({ _links: { self: { href, templated: false } } });
const NOT_FOUND = { message: 'Not Found: Service account not found', ...links('/api/v1/main/service-accounts/nope') };
const INVALID = {
  message: 'Invalid entity: name: must match "^(?=.{1,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$"',
  ...links('/api/v1/main/service-accounts'),
  _embedded: {
    errors: [
      { message: 'name: must match "^(?=.{1,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$"', path: 'name' },
      { message: 'description: size must be between 0 and 1024', path: 'description' },
    ],
  },
};

describe('error mapping', () => {
  let close: () => Promise<void> = async () => {};
  afterEach(() => close());

  it('maps 404 to KestraNotFoundError with the server message', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('GET', '/api/v1/main/service-accounts/nope', 404, NOT_FOUND);
    const error = await rejectionOf(k.client.serviceAccounts.get('nope'));
    expect(error).toBeInstanceOf(KestraNotFoundError);
    expect(error).toMatchObject({
      code: 'KESTRA_NOT_FOUND',
      name: 'KestraNotFoundError',
      status: 404,
      method: 'GET',
      path: '/api/v1/main/service-accounts/nope',
      serverMessage: 'Not Found: Service account not found',
    });
    expect(error.message).toBe('Kestra API: GET /api/v1/main/service-accounts/nope returned 404: Not Found: Service account not found');
    expect(isKestraError(error, 'KESTRA_NOT_FOUND')).toBe(true);
    expect(isKestraError(error, 'KESTRA_CONFLICT')).toBe(false);
  });

  it('maps 422 to KestraValidationError with field errors, not repeating those already in the message', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('POST', '/api/v1/main/service-accounts', 422, INVALID);
    const error = await rejectionOf(k.client.serviceAccounts.create({ name: 'Bad_Name' }));
    expect(error).toBeInstanceOf(KestraValidationError);
    expect((error as KestraValidationError).fieldErrors).toEqual([
      { path: 'name', message: 'name: must match "^(?=.{1,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$"' },
      { path: 'description', message: 'description: size must be between 0 and 1024' },
    ]);
    expect(error.message).toContain('Invalid entity: name: must match');
    expect(error.message).toContain('[description: description: size must be between 0 and 1024]');
    expect(error.message.match(/name: must match/g)).toHaveLength(1);
  });

  it('maps 400 to KestraValidationError too', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('GET', '/api/v1/main/bindings/search?type=USER&page=1&size=100', 400, { message: 'Bad Request: invalid filter' });
    const error = await rejectionOf(k.client.bindings.search({ type: 'USER' }));
    expect(error).toMatchObject({ code: 'KESTRA_VALIDATION', status: 400, serverMessage: 'Bad Request: invalid filter' });
  });

  it('maps 401 to KestraUnauthorizedError telling the user to check the credentials', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('GET', '/api/v1/me', 401, { message: 'Unauthorized', ...links('/api/v1/me') });
    const error = await rejectionOf(k.client.users.getMe());
    expect(error).toBeInstanceOf(KestraUnauthorizedError);
    expect(error.message).toMatch(/returned 401: Unauthorized\. .*username and password.*API token/);
  });

  it('maps 403 to KestraForbiddenError naming the permission the call likely needs', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('POST', '/api/v1/dev/roles', 403, { message: 'Insufficient privileges to create the role' });
    const error = await rejectionOf(k.client.roles.create({ name: 'r', permissions: { FLOW: ['READ'] } }, { tenant: 'dev' }));
    expect(error).toBeInstanceOf(KestraForbiddenError);
    expect(error.message).toContain('Insufficient privileges to create the role');
    expect(error.message).toContain('the ROLE permission on tenant dev');
  });

  it('says an instance-level 403 needs superadmin rights', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('DELETE', '/api/v1/users/u1', 403, { message: 'Forbidden' });
    const error = await rejectionOf(k.client.users.delete('u1'));
    expect(error.message).toContain('superadmin rights');
  });

  it.each([
    ['create', (k: ReturnType<typeof mockKestra>) => k.client.serviceAccounts.create({ name: 'root-bot', superAdmin: true }), 'POST', '/api/v1/main/service-accounts'],
    ['update', (k: ReturnType<typeof mockKestra>) => k.client.serviceAccounts.update('sa1', { name: 'root-bot', superAdmin: true }), 'PUT', '/api/v1/main/service-accounts/sa1'],
  ] as const)('says a 403 on a service-account %s that makes a superadmin needs a superadmin', async (_name, call, method, path) => {
    const k = mockKestra();
    close = k.close;
    k.reply(method, path, 403, { message: 'Forbidden: only a superadmin can change the superAdmin flag' });
    const error = await rejectionOf(call(k));
    expect(error.message).toContain('only a superadmin can make a service account superadmin');
  });

  it('a 403 on a service-account create that makes no superadmin names only the tenant permission', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('POST', '/api/v1/main/service-accounts', 403, { message: 'Forbidden' });
    const error = await rejectionOf(k.client.serviceAccounts.create({ name: 'ci-bot', superAdmin: false }));
    expect(error.message).toContain('the SERVICE_ACCOUNT permission on tenant main');
    expect(error.message).not.toContain('superadmin');
  });

  it('maps 409 to KestraConflictError', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('POST', '/api/v1/main/groups', 409, { message: 'Illegal state: A group with the given name already exists' });
    const error = await rejectionOf(k.client.groups.create({ name: 'ops' }));
    expect(error).toBeInstanceOf(KestraConflictError);
    expect(error).toMatchObject({ code: 'KESTRA_CONFLICT', status: 409 });
  });

  it('keeps other statuses as a plain KestraApiError', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('GET', '/api/v1/main/roles/r1', 500, { message: 'Internal server error', ...links('/api/v1/main/roles/r1') });
    const error = await rejectionOf(k.client.roles.get('r1'));
    expect(error.constructor).toBe(KestraApiError);
    expect(error).toMatchObject({ code: 'KESTRA_API_ERROR', status: 500, serverMessage: 'Internal server error' });
  });

  it('falls back to the raw body, stripped of markup and trimmed, when it is not a JsonError', async () => {
    const k = mockKestra();
    close = k.close;
    const page = `<html><body><h1>Access denied</h1><p>${'x'.repeat(1000)}</p></body></html>`;
    k.reply('GET', '/api/v1/main/roles/r1', 418, page);
    const error = (await rejectionOf(k.client.roles.get('r1'))) as KestraApiError;
    expect(error.serverMessage?.startsWith('Access denied x')).toBe(true);
    expect(error.serverMessage?.length).toBeLessThanOrEqual(301);
    expect(error.message).not.toContain('<h1>');
  });

  it('reports a 2xx body that is not JSON as KestraResponseError, without quoting it', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('GET', '/api/v1/main/roles/r1', 200, 'definitely not json');
    const error = await rejectionOf(k.client.roles.get('r1'));
    expect(error).toBeInstanceOf(KestraResponseError);
    expect(error.message).not.toContain('definitely not json');
  });

  it('reports an empty 2xx body where a document was expected', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('GET', '/api/v1/main/roles/r1', 200);
    await expect(k.client.roles.get('r1')).rejects.toMatchObject({ code: 'KESTRA_BAD_RESPONSE', status: 200 });
  });

  it('accepts an empty body on calls that return nothing', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('DELETE', '/api/v1/main/service-accounts/sa1', 200);
    await expect(k.client.serviceAccounts.delete('sa1')).resolves.toBeUndefined();
  });
});
