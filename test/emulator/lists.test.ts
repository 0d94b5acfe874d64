/**
 * Lists as a client walks and searches them: totals that stay right through deletions, filters that find one
 * item by name, orders, pages, and the requests the real server refuses.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServiceAccount, startTestEmulator, uniqueName, type TestEmulator } from './support/emulator.js';

let t: TestEmulator;
let tenant: string;
beforeAll(async () => {
  t = await startTestEmulator();
  tenant = uniqueName('lists');
  expect((await t.api.post('/api/v1/tenants', { id: tenant, name: tenant })).status).toBe(200);
});
afterAll(async () => t.close());

const names = (body: { results: Array<{ name?: string; username?: string }> }) => body.results.map((r) => r.name ?? r.username);

describe('a tenant list of service accounts', () => {
  let created: string[];
  beforeAll(async () => {
    created = [];
    for (const n of ['alpha-one', 'beta-two', 'gamma-three', 'delta-four', 'alpha-five']) {
      const name = `${n}-${tenant}`;
      await createServiceAccount(t.api, tenant, { name });
      created.push(name);
    }
  });

  test('pages in creation order and reports the whole total', async () => {
    const first = (await t.api.get(`/api/v1/${tenant}/service-accounts?page=1&size=2`)).body;
    const third = (await t.api.get(`/api/v1/${tenant}/service-accounts?page=3&size=2`)).body;
    const beyond = (await t.api.get(`/api/v1/${tenant}/service-accounts?page=9&size=2`)).body;
    expect([first.total, third.total, beyond.total]).toEqual([5, 5, 5]);
    expect([...names(first), ...names(third)]).toEqual([created[0], created[1], created[4]]);
    expect(beyond.results).toEqual([]);
  });

  test('finds one account by name with one call, ignoring case', async () => {
    const res = await t.api.get(`/api/v1/${tenant}/service-accounts?filters[name][EQUALS]=${created[2]!.toUpperCase()}`);
    expect(res.body).toMatchObject({ total: 1, results: [{ username: created[2] }] });
  });

  const full = (n: string) => `${n}-${tenant}`;
  test.each<[string, () => string, number[]]>([
    ['CONTAINS', () => 'alpha', [0, 4]],
    ['STARTS_WITH', () => 'beta', [1]],
    ['ENDS_WITH', () => full('four'), [3]],
    ['NOT_EQUALS', () => full('alpha-one'), [1, 2, 3, 4]],
    ['IN', () => `${full('alpha-one')},${full('delta-four')}`, [0, 3]],
    ['NOT_IN', () => `${full('alpha-one')},${full('delta-four')}`, [1, 2, 4]],
  ])('filters[name][%s]', async (operation, value, expected) => {
    const res = await t.api.get(`/api/v1/${tenant}/service-accounts?filters[name][${operation}]=${encodeURIComponent(value())}&size=50`);
    expect(names(res.body)).toEqual(expected.map((i) => created[i]));
    expect(res.body.total).toBe(expected.length);
  });

  test('the free-text query finds substrings of three characters or more, and shorter ones', async () => {
    const long = await t.api.get(`/api/v1/${tenant}/service-accounts?filters[q][EQUALS]=MMA-THR`);
    expect(names(long.body)).toEqual([created[2]]);
    const short = await t.api.get(`/api/v1/${tenant}/service-accounts?filters[q][EQUALS]=a-f&size=50`);
    expect(names(short.body)).toEqual([created[3], created[4]]);
    const negated = await t.api.get(`/api/v1/${tenant}/service-accounts?filters[q][NOT_EQUALS]=alpha&size=50`);
    expect(names(negated.body)).toEqual([created[1], created[2], created[3]]);
  });

  test('sorts by name either way', async () => {
    const asc = await t.api.get(`/api/v1/${tenant}/service-accounts?sort=name:asc&size=50`);
    expect(names(asc.body)).toEqual([...created].sort());
    const desc = await t.api.get(`/api/v1/${tenant}/service-accounts?sort=name:desc&size=50`);
    expect(names(desc.body)).toEqual([...created].sort().reverse());
  });

  test.each([
    ['a field the list has no filter for', 'filters[color][EQUALS]=x', 400, /^Bad Request: Provided query filters are invalid: Field color is not supported/],
    ['an operation the field does not support', 'filters[q][CONTAINS]=x', 400, /^Bad Request: Provided query filters are invalid: Operation CONTAINS/],
    ['an operation that does not exist', 'filters[name][LIKE]=x', 422, /^Illegal argument: No enum constant .*Op\.LIKE$/],
    ['nested filter groups', 'filters[or][0][name][EQUALS]=x', 400, /not supported|Unsupported filter/],
    ['an unknown sort field', 'sort=color:asc', 422, /^Illegal argument: Invalid sort field 'color'/],
    ['a sort direction that is neither asc nor desc', 'sort=name:up', 422, /^Illegal argument: Invalid sort direction/],
  ])('refuses %s', async (_label, query, status, message) => {
    const res = await t.api.get(`/api/v1/${tenant}/service-accounts?${query}`);
    expect(res.status).toBe(status);
    expect(res.body.message).toMatch(message);
  });
});

describe('totals', () => {
  test('follow creations and deletions, instance-wide and per tenant', async () => {
    const instanceTotal = async () => (await t.api.get('/api/v1/service-accounts?size=1')).body.total as number;
    const tenantTotal = async () => (await t.api.get(`/api/v1/${tenant}/service-accounts?size=1`)).body.total as number;
    const [beforeInstance, beforeTenant] = [await instanceTotal(), await tenantTotal()];
    const a = await createServiceAccount(t.api, tenant);
    const b = await createServiceAccount(t.api, tenant);
    expect([await instanceTotal(), await tenantTotal()]).toEqual([beforeInstance + 2, beforeTenant + 2]);
    await t.api.delete(`/api/v1/service-accounts/${a}`);
    await t.api.delete(`/api/v1/${tenant}/service-accounts/${b}`);
    expect([await instanceTotal(), await tenantTotal()]).toEqual([beforeInstance, beforeTenant]);
  });

  test('leave out the superadmins a caller who is not one does not see', async () => {
    const other = uniqueName('sup');
    await t.api.post('/api/v1/tenants', { id: other, name: other });
    await createServiceAccount(t.api, other);
    await t.api.post('/api/v1/service-accounts', { name: uniqueName('root'), superAdmin: true, tenants: [other] });
    const admin = await createServiceAccount(t.api, other);
    await t.api.post(`/api/v1/${other}/bindings`, { type: 'USER', externalId: admin, roleId: `admin_${other}` });
    const token = (await t.api.post(`/api/v1/${other}/service-accounts/${admin}/api-tokens`, { name: 'tok' })).body.fullToken;
    const asAdmin = await t.api.as({ bearer: token }).get(`/api/v1/${other}/service-accounts?size=50`);
    expect(asAdmin.body.total).toBe(2);
    expect(asAdmin.body.results).toHaveLength(2);
    expect((await t.api.get(`/api/v1/${other}/service-accounts?size=50`)).body.total).toBe(3);
  });

  test('of a deleted tenant are gone with it', async () => {
    const gone = uniqueName('gone');
    await t.api.post('/api/v1/tenants', { id: gone, name: gone });
    await createServiceAccount(t.api, gone);
    await t.api.delete(`/api/v1/tenants/${gone}`);
    await t.api.post('/api/v1/tenants', { id: gone, name: gone });
    expect((await t.api.get(`/api/v1/${gone}/service-accounts`)).body).toEqual({ results: [], total: 0 });
  });
});

describe('a data directory of the previous layout', () => {
  test('is upgraded when opened: its accounts list, count and search as new ones do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kestra-emulator-layout1-'));
    try {
      const first = await startTestEmulator({ dataDir: dir });
      const name = `${uniqueName('old')}-searchable`;
      await createServiceAccount(first.api, 'main', { name });
      await first.close();
      // Back to layout 1: no type or order copied into tenant access, no list sizes, no search index.
      const db = new Database(join(dir, 'kestra-emulator.sqlite'));
      for (const trigger of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[]) db.exec(`DROP TRIGGER ${trigger}`);
      db.exec(`
        DROP TABLE users_text; DROP TABLE list_blocks; DELETE FROM meta WHERE key = 'schemaVersion';
        CREATE TABLE ut_old (user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
          tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE, PRIMARY KEY (user_id, tenant_id));
        INSERT INTO ut_old SELECT user_id, tenant_id FROM user_tenants; DROP TABLE user_tenants; ALTER TABLE ut_old RENAME TO user_tenants;
      `);
      db.close();

      const second = await startTestEmulator({ dataDir: dir });
      try {
        const listed = await second.api.get('/api/v1/main/service-accounts?filters[q][EQUALS]=searchable');
        expect(listed.body).toMatchObject({ total: 1, results: [{ username: name }] });
        expect((await second.api.get('/api/v1/main/service-accounts')).body.total).toBe(1);
        await createServiceAccount(second.api);
        expect((await second.api.get('/api/v1/service-accounts')).body.total).toBe(2);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('pages of a list spanning many blocks of the kept list sizes', () => {
  test('are the pages of the list in creation order, through deletions, lost access and superadmins', async () => {
    const { Store } = await import('../../emulator/store/index.js');
    const store = Store.open({ kestraVersion: '1.3', adminUser: 'admin@example.com', adminPassword: 'Admin-Pa55' });
    try {
      store.createTenant({ id: 'big', name: 'big', settings: {} });
      const ids: string[] = [];
      store.transaction(() => {
        for (let i = 0; i < 5000; i++) {
          const id = `sa-${String(i).padStart(5, '0')}`;
          store.users.insert({ id, type: 'SERVICE_ACCOUNT', username: id, superAdmin: i % 997 === 0, restricted: false });
          if (i % 3 !== 0) store.users.grantTenant(id, 'big');
          ids.push(id);
        }
        // Holes in every block: deleted accounts, and accounts that lost access to the tenant.
        for (let i = 0; i < 5000; i += 7) store.users.delete(ids[i]!);
        for (let i = 1; i < 5000; i += 11) store.users.revokeTenant(ids[i]!, 'big');
      });
      const alive = (i: number) => i % 7 !== 0;
      const inTenant = (i: number) => alive(i) && i % 3 !== 0 && (i - 1) % 11 !== 0;
      const expected = {
        instance: ids.filter((_, i) => alive(i)),
        tenant: ids.filter((_, i) => inTenant(i)),
        tenantWithoutSuperadmins: ids.filter((_, i) => inTenant(i) && i % 997 !== 0),
      };
      const scopes = {
        instance: { types: ['SERVICE_ACCOUNT'] as const },
        tenant: { types: ['SERVICE_ACCOUNT'] as const, tenantId: 'big' },
        tenantWithoutSuperadmins: { types: ['SERVICE_ACCOUNT'] as const, tenantId: 'big', excludeSuperadmins: true },
      };
      for (const [name, scope] of Object.entries(scopes) as Array<[keyof typeof expected, (typeof scopes)[keyof typeof scopes]]>) {
        for (const [offset, limit] of [[0, 10], [1023, 5], [1500, 100], [expected[name].length - 3, 10], [expected[name].length, 10], [2047, 1]] as const) {
          const page = store.users.page(scope, { texts: [], conditions: [], offset, limit });
          expect({ name, offset, ids: page.results.map((u) => u.id), total: page.total }).toEqual({
            name,
            offset,
            ids: expected[name].slice(offset, offset + limit),
            total: expected[name].length,
          });
        }
      }
    } finally {
      store.close();
    }
  });
});
