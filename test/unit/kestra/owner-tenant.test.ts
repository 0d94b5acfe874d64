import { KestraForbiddenError, KestraNotFoundError } from '../../../provider/client/index.js';
import { serviceAccountTenant } from '../../../provider/kestra/index.js';
import type { KestraContext } from '../../../provider/provider-config.js';

const site = { method: 'GET', path: '/api/v1/…' };
const notFound = () => Promise.reject(new KestraNotFoundError({ ...site, status: 404 }));

/** A client whose service account is visible in `inDefault` (the provider's tenant) and lists `tenants` instance-wide. */
function kestra(inDefault: boolean, tenants: string[] | Error): { client: KestraContext } {
  const serviceAccounts = {
    get: () => (inDefault ? Promise.resolve({ id: 'sa1', name: 'bot' }) : notFound()),
    getInstance: () => (tenants instanceof Error ? Promise.reject(tenants) : Promise.resolve({ id: 'sa1', name: 'bot', tenants: tenants.map((id) => ({ id })) })),
  };
  return { client: { defaultTenant: 'main', api: { serviceAccounts } } as unknown as KestraContext };
}

describe('serviceAccountTenant', () => {
  test.each<[string, boolean, string[] | Error, string]>([
    ['the account is in the provider\'s tenant', true, ['main', 'team2'], 'main'],
    ['the account is only in another tenant', false, ['team2'], 'team2'],
    ['the account is nowhere (the create then says so)', false, [], 'main'],
    ['the caller may not read the instance-level view', false, new KestraForbiddenError({ ...site, status: 403 }), 'main'],
    ['the account does not exist at all', false, new KestraNotFoundError({ ...site, status: 404 }), 'main'],
  ])('%s: %s', async (_name, inDefault, tenants, tenant) => {
    expect(await serviceAccountTenant(kestra(inDefault, tenants), 'sa1')).toBe(tenant);
  });

  test('an account in several other tenants needs tenant_id, and the error says which', async () => {
    await expect(serviceAccountTenant(kestra(false, ['team2', 'team3']), 'sa1')).rejects.toMatchObject({
      summary: 'service account in several tenants',
      message: expect.stringContaining('team2, team3: set tenant_id'),
    });
  });
});
