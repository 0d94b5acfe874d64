/**
 * Which failures of a create leave its outcome unknown (KestraAmbiguousWriteError), whether the server had
 * answered, and which are plain refusals; and the shape every create and update answer must have.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { mockKestra, rejectionOf } from './mock-kestra.js';

const ROLE = { id: 'r1', name: 'viewer', permissions: { FLOW: ['READ'] } };
const ACCOUNT = { id: 'sa1', name: 'ci', superAdmin: false, groups: [] };

describe('the outcome of a create', () => {
  let close: () => Promise<void> = async () => {};
  afterEach(() => close());

  it.each([500, 501, 502, 504, 507])('a %i may come after the work: unknown, answered, sent once', async (status) => {
    const k = mockKestra();
    close = k.close;
    k.reply('POST', '/api/v1/main/roles', status, { message: 'Internal Server Error' });
    const error = await rejectionOf(k.client.roles.create({ name: 'viewer', permissions: {} }));
    expect(error).toMatchObject({ code: 'KESTRA_AMBIGUOUS_WRITE', answered: true, cause: { status } });
    expect(k.seen).toHaveLength(1);
  });

  it('a 503 is a refusal (RFC 9110): the create is sent again, and a last 503 is a plain error', async () => {
    const k = mockKestra({ retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1, random: () => 0 } });
    close = k.close;
    k.reply('POST', '/api/v1/main/roles', 503, { message: 'Service Unavailable' }).times(2);
    await expect(k.client.roles.create({ name: 'viewer', permissions: {} })).rejects.toMatchObject({ code: 'KESTRA_API_ERROR', status: 503 });
    expect(k.seen).toHaveLength(2);
  });

  it.each<[string, unknown]>([
    ['a body that is not JSON (a 2xx cut short)', '{"id":"r1","na'],
    ['an empty body', undefined],
    ['a body without its id', { name: 'viewer', permissions: { FLOW: ['READ'] } }],
    ['an id that is not a string', { ...ROLE, id: 7 }],
    ['permissions of the wrong shape', { ...ROLE, permissions: ['FLOW'] }],
  ])('a 200 with %s: the role was made but cannot be recorded, so the outcome is unknown', async (_name, body) => {
    const k = mockKestra();
    close = k.close;
    k.reply('POST', '/api/v1/main/roles', 200, body);
    const error = await rejectionOf(k.client.roles.create({ name: 'viewer', permissions: {} }));
    expect(error).toMatchObject({ code: 'KESTRA_AMBIGUOUS_WRITE', answered: true, cause: { code: 'KESTRA_BAD_RESPONSE', status: 200 } });
    expect(error.message).not.toContain('"na');
  });

  it.each<[string, (k: ReturnType<typeof mockKestra>) => Promise<unknown>, string]>([
    ['service account', (k) => k.client.serviceAccounts.create({ name: 'ci' }), '/api/v1/main/service-accounts'],
    ['binding', (k) => k.client.bindings.create({ type: 'USER', externalId: 'sa1', roleId: 'r1' }), '/api/v1/main/bindings'],
    ['API token', (k) => k.client.apiTokens.ofServiceAccount('sa1').create({ name: 'ci' }), '/api/v1/main/service-accounts/sa1/api-tokens'],
  ])('a %s created without an id is an unknown outcome, never an object with a null id', async (_name, call, path) => {
    const k = mockKestra();
    close = k.close;
    // Everything each kind's answer has, except the id.
    k.pool.intercept({ method: 'POST', path }).reply(200, { name: 'ci', role: { id: 'r1' }, type: 'USER', fullToken: 'ABCDEF0123456789' });
    const error = await rejectionOf(call(k));
    expect(error).toMatchObject({ code: 'KESTRA_AMBIGUOUS_WRITE', path });
  });

  it('an update answered without the fields the model needs is a bad response (an update can be sent again)', async () => {
    const k = mockKestra();
    close = k.close;
    k.reply('PUT', '/api/v1/main/service-accounts/sa1', 200, { name: 'ci' });
    await expect(k.client.serviceAccounts.update('sa1', { name: 'ci' })).rejects.toMatchObject({ code: 'KESTRA_BAD_RESPONSE', status: 200 });
    k.reply('PUT', '/api/v1/main/service-accounts/sa1', 200, ACCOUNT);
    await expect(k.client.serviceAccounts.update('sa1', { name: 'ci' })).resolves.toEqual(ACCOUNT);
  });
});
