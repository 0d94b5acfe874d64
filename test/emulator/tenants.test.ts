/** Tenants and their settings, logos and apps catalog, in both versions' shapes. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createSaToken, createServiceAccount, startTestEmulator, uniqueName, type TestEmulator } from './support/emulator.js';

let t: TestEmulator;
let v2: TestEmulator;
beforeAll(async () => {
  [t, v2] = await Promise.all([startTestEmulator(), startTestEmulator({ kestraVersion: '2.0' })]);
});
afterAll(async () => Promise.all([t.close(), v2.close()]));

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

/** A multipart/form-data body with one file part. */
function upload(field: string, bytes: Buffer, type = 'image/png'): { rawBody: Buffer; headers: Record<string, string> } {
  const boundary = `----emulator-test-${process.pid}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="logo.png"\r\nContent-Type: ${type}\r\n\r\n`;
  return {
    rawBody: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function tenant(api = t.api, body: Record<string, unknown> = {}): Promise<string> {
  const id = uniqueName('tn');
  const res = await api.post('/api/v1/tenants', { id, name: id, ...body });
  expect(res.status).toBe(200);
  return id;
}

describe('settings (1.3)', () => {
  test('are validated, stored and returned; a 2.0 setting is ignored', async () => {
    const settings = {
      workerGroup: { key: 'gpu', fallback: 'WAIT' },
      storageIsolation: { enabled: true, deniedServices: ['WORKER'] },
      secretIsolation: { enabled: false },
      storageType: 's3',
      // The spec types configuration values as objects.
      storageConfiguration: { bucket: { name: 'b' } },
      secretReadOnly: true,
      requireExistingNamespace: true,
      outputsInInternalStorage: false,
      appCatalogConfig: { title: 'Apps' },
    };
    const id = await tenant(t.api, { ...settings, concurrency: { limit: 2, behavior: 'QUEUE' } });
    expect((await t.api.get(`/api/v1/tenants/${id}`)).body).toEqual({ id, name: id, deleted: false, ...settings });
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['an enum value of no member', { workerGroup: { key: 'x', fallback: 'LATER' } }, 'Invalid json mapping'],
    ['a denied service that is no service', { storageIsolation: { deniedServices: ['CONTROLLER'] } }, 'Invalid json mapping'],
    ['a nested object of the wrong type', { storageIsolation: 'yes' }, 'Invalid json mapping'],
  ])('refuses %s with 422', async (_label, body, message) => {
    const res = await t.api.post('/api/v1/tenants', { id: uniqueName('bad'), name: 'x', ...body });
    expect(res.status).toBe(422);
    expect(res.body.message).toBe(message);
  });

  test('a PUT replaces the settings and keeps the logo', async () => {
    const id = await tenant(t.api, { requireExistingNamespace: true });
    expect((await t.api.post(`/api/v1/tenants/${id}/logo`, undefined, upload('logo', PNG))).status).toBe(200);
    const updated = await t.api.put(`/api/v1/tenants/${id}`, { id, name: 'Renamed', secretType: 'vault' });
    expect(updated.body).toEqual({ id, name: 'Renamed', deleted: false, secretType: 'vault' });
    const me = (await t.api.get('/api/v1/me')).body.tenants.find((x: { id: string }) => x.id === id);
    expect(me.logo).toBe(`data:image/png;base64,${PNG.toString('base64')}`);
  });
});

describe('settings (2.0)', () => {
  test('take the 2.0 shapes, checked as bean validation does', async () => {
    const settings = {
      defaultWorkerSelector: { tags: ['gpu'], match: 'ANY', fallback: 'IGNORE' },
      concurrency: { limit: 3, behavior: 'FAIL' },
      quotas: [{ duration: 'PT1H', limit: 10, behavior: 'CANCEL' }],
      settings: { dashboard: { defaultHomeDashboard: 'home' } },
      storageIsolation: { enabled: true, deniedServices: ['CONTROLLER'] },
    };
    const id = await tenant(v2.api, { ...settings, workerGroup: { key: 'ignored' } });
    expect((await v2.api.get(`/api/v1/tenants/${id}`)).body).toEqual({ id, name: id, deleted: false, ...settings });
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['a concurrency limit below 1', { concurrency: { limit: 0, behavior: 'QUEUE' } }, 'create.tenant.concurrency.limit: must be greater than or equal to 1'],
    ['a quota without duration', { quotas: [{ limit: 1, behavior: 'FAIL' }] }, 'create.tenant.quotas[0].duration: must not be null'],
    ['a quota limit of 0', { quotas: [{ duration: 'P1D', limit: 0, behavior: 'FAIL' }] }, 'create.tenant.quotas[0].limit: must be greater than 0'],
    ['more than 20 worker tags', { defaultWorkerSelector: { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) } }, 'create.tenant.defaultWorkerSelector.tags: size must be between 0 and 20'],
  ])('refuses %s with 422', async (_label, body, violation) => {
    const res = await v2.api.post('/api/v1/tenants', { id: uniqueName('bad'), name: 'x', ...body });
    expect(res.status).toBe(422);
    expect(res.body.message).toBe(`Invalid entity: ${violation}`);
    expect(res.body._embedded.errors).toEqual([{ message: violation.split(': ')[1], path: violation.split(': ')[0] }]);
  });

  test('default dashboards: set by a superadmin, read by whoever has access to the tenant', async () => {
    const id = await tenant(v2.api);
    const set = await v2.api.post(`/api/v1/tenants/${id}/settings/default-dashboards`, { defaultHomeDashboard: 'ops' });
    expect(set.body).toEqual({ defaultHomeDashboard: 'ops' });
    expect((await v2.api.get(`/api/v1/tenants/${id}`)).body.settings).toEqual({ dashboard: { defaultHomeDashboard: 'ops' } });
    const member = await createServiceAccount(v2.api, id);
    const outsider = await createServiceAccount(v2.api);
    const asMember = v2.api.as({ bearer: (await createSaToken(v2.api, member, {}, id)).fullToken });
    const asOutsider = v2.api.as({ bearer: (await createSaToken(v2.api, outsider)).fullToken });
    expect((await asMember.get(`/api/v1/tenants/${id}/settings/default-dashboards`)).body).toEqual({ defaultHomeDashboard: 'ops' });
    expect((await asOutsider.get(`/api/v1/tenants/${id}/settings/default-dashboards`)).status).toBe(403);
    expect((await asMember.post(`/api/v1/tenants/${id}/settings/default-dashboards`, {})).status).toBe(403);
  });

  test('are no route in 1.3', async () => {
    expect((await t.api.get('/api/v1/tenants/main/settings/default-dashboards')).status).toBe(404);
  });
});

describe('logos and the apps catalog', () => {
  test('a tenant logo is a multipart upload, stored as a data URI', async () => {
    const id = await tenant();
    const res = await t.api.post(`/api/v1/tenants/${id}/logo`, undefined, upload('logo', PNG));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id, name: id, deleted: false, logo: `data:image/png;base64,${PNG.toString('base64')}` });
    expect((await t.api.get(`/api/v1/tenants/${id}`)).body.logo).toBeUndefined();
  });

  test.each<[string, () => { rawBody?: Buffer | string; headers?: Record<string, string> }, number]>([
    ['no logo part', () => upload('picture', PNG), 400],
    ['a JSON body', () => ({ rawBody: '{"logo":"x"}' }), 415],
    ['a file larger than the body limit', () => upload('logo', Buffer.alloc(1024 * 1024 + 1)), 413],
  ])('refuses %s', async (_label, body, status) => {
    const res = await t.api.post(`/api/v1/tenants/${await tenant()}/logo`, undefined, body());
    expect(res.status).toBe(status);
  });

  test('the apps catalog: configured and given a logo by a superadmin, read by the tenant’s accounts', async () => {
    const id = await tenant();
    const config = await t.api.post(`/api/v1/tenants/${id}/apps-catalog`, { title: 'Our apps', primaryColor: '#123456' });
    expect(config.body).toEqual({ title: 'Our apps', primaryColor: '#123456' });
    const withLogo = await t.api.post(`/api/v1/tenants/${id}/apps-catalog/logo`, undefined, upload('logo', PNG, 'image/svg+xml'));
    expect(withLogo.body.logo).toMatch(/^data:image\/svg\+xml;base64,/);
    expect((await t.api.get(`/api/v1/tenants/${id}`)).body.appCatalogConfig).toEqual({ title: 'Our apps', primaryColor: '#123456' });

    const member = await createServiceAccount(t.api, id);
    const asMember = t.api.as({ bearer: (await createSaToken(t.api, member, {}, id)).fullToken });
    expect((await asMember.get(`/api/v1/tenants/${id}/apps-catalog`)).body).toEqual(withLogo.body);
    expect((await asMember.post(`/api/v1/tenants/${id}/apps-catalog`, { title: 'x' })).status).toBe(403);
    const outsider = t.api.as({ bearer: (await createSaToken(t.api, await createServiceAccount(t.api))).fullToken });
    expect((await outsider.get(`/api/v1/tenants/${id}/apps-catalog`)).status).toBe(403);
    expect((await outsider.get('/api/v1/tenants/no-such-tenant/apps-catalog')).status).toBe(403);

    expect((await t.api.delete(`/api/v1/tenants/${id}/apps-catalog/logo`)).status).toBe(200);
    expect((await t.api.get(`/api/v1/tenants/${id}/apps-catalog`)).body).toEqual({ title: 'Our apps', primaryColor: '#123456' });
    expect((await t.api.get('/api/v1/tenants/no-such-tenant/apps-catalog')).status).toBe(404);
  });
});
