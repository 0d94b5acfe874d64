/**
 * The stored states the resources take over, shape by shape: the official provider's (v1.3.2, and the Kestra 2.0
 * role of its main branch) and this provider's own from before the schema versions moved on. No API is called:
 * upgrades and moves only convert what the state holds.
 */
import type { Diagnostic } from '../../../provider/bridge/protocol/provider-server.js';
import { FrameworkServer } from '../../../provider/framework/index.js';
import { kestraProvider } from '../../../provider/kestra-provider.js';
import { createLogger } from '../../../provider/bridge/logging.js';
import type { KestraContext } from '../../../provider/provider-config.js';
import { official } from '../../support/official-state.js';

const definition = kestraProvider(createLogger({ level: 'off' }));

async function server(configured = true) {
  // No API is called; the provider still runs each call inside the client's operation timeout.
  const context = { defaultTenant: 'team', api: { operation: <T>(work: () => Promise<T>) => work() } };
  const framework = new FrameworkServer<KestraContext>({ ...definition, configure: async () => context as unknown as KestraContext });
  if (configured) await framework.configureProvider({ config: {}, terraformVersion: '1.11.4' });
  return framework;
}

const json = (attributes: object) => Buffer.from(JSON.stringify(attributes));
const warnings = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.severity}: ${d.summary}`);

async function upgrade(typeName: string, version: number, attributes: object) {
  return (await server()).upgradeResourceState({ typeName, version, rawStateJson: json(attributes) });
}

async function move(sourceTypeName: string, targetTypeName: string, attributes: object, sourceProviderAddress = 'registry.terraform.io/kestra-iam/kestra') {
  // Terraform moves states before it configures the provider.
  return (await server(false)).moveResourceState({ sourceProviderAddress, sourceTypeName, sourceVersion: 0, sourceStateJson: json(attributes), targetTypeName });
}

describe('kestra_service_account, upgraded from version 0', () => {
  test.each([
    ['the official shape: groups as { id } blocks, no tenant, an unset description as ""', official.serviceAccount('x', { id: 'sa1', name: 'ci-bot', groups: ['g1', 'g2'] }).attributes, 'team'],
    ['this provider\'s own version 0', { id: 'sa1', name: 'ci-bot', description: null, super_admin: false, groups: ['g1', 'g2'], tenant_id: 'dev' }, 'dev'],
  ])('%s', async (_name, attributes, tenant) => {
    const result = await upgrade('kestra_service_account', 0, attributes);
    expect(result.diagnostics).toEqual([]);
    expect(result.state).toEqual({ id: 'sa1', name: 'ci-bot', description: null, super_admin: false, groups: ['g1', 'g2'], tenant_id: tenant });
  });
});

describe('kestra_role, upgraded from versions 0 and 1', () => {
  const expected = (permissions: Record<string, string[]>, tenant = 'main') => ({ id: 'r1', name: 'deployer', description: null, permissions, is_default: false, tenant_id: tenant });

  test('Kestra 1.x permission blocks (official, version 0); a block repeating a type adds its actions', async () => {
    const attributes = {
      ...official.role('x', { id: 'r1', name: 'deployer', permissions: { FLOW: ['READ', 'UPDATE'] } }).attributes,
      permissions: [
        { type: 'FLOW', permissions: ['READ', 'UPDATE'] },
        { type: 'EXECUTION', permissions: ['READ'] },
        { type: 'FLOW', permissions: ['UPDATE', 'DELETE'] },
      ],
    };
    const result = await upgrade('kestra_role', 0, attributes);
    expect(result.diagnostics).toEqual([]);
    expect(result.state).toEqual(expected({ FLOW: ['READ', 'UPDATE', 'DELETE'], EXECUTION: ['READ'] }));
  });

  test('Kestra 2.0 resource blocks (official main branch, version 1)', async () => {
    const result = await upgrade('kestra_role', 1, official.role20('x', { id: 'r1', name: 'deployer', resources: { FLOW: ['VIEW', 'LIST'], TRIGGER: ['VIEW'] } }).attributes);
    expect(result.state).toEqual(expected({ FLOW: ['VIEW', 'LIST'], TRIGGER: ['VIEW'] }));
  });

  test('this provider\'s own version 0: the map as it was', async () => {
    const result = await upgrade('kestra_role', 0, { id: 'r1', name: 'deployer', description: null, permissions: { FLOW: ['READ'] }, is_default: false, tenant_id: 'dev' });
    expect(result.diagnostics).toEqual([]);
    expect(result.state).toEqual(expected({ FLOW: ['READ'] }, 'dev'));
  });

  test('an official namespace is dropped with a warning that names it and says why', async () => {
    const result = await upgrade('kestra_role', 0, official.role('x', { id: 'r1', name: 'deployer', namespace: 'company.team', permissions: { FLOW: ['READ'] } }).attributes);
    expect(warnings(result.diagnostics)).toEqual(['warning: kestra_role.namespace is not carried over']);
    expect(result.diagnostics[0]?.detail).toMatch(/Kestra roles have no namespace/);
    expect(result.state).toEqual(expected({ FLOW: ['READ'] }));
  });
});

describe('kestra_api_token, moved from the official token types', () => {
  const token = { id: 't1', name: 'ci', description: 'CI', maxAge: 'P30D', fullToken: 'kestra-secret-value' };
  const common = { name: 'ci', description: 'CI', max_age: 'P30D', extended: false, keepers: null, rotate_before: null, token: 'kestra-secret-value', token_id: 't1' };
  const unread = { prefix: null, issued_at: null, expires_at: null, expired: false, last_used: null, tenant_id: null };

  test('a service account token keeps its secret; its id becomes the token address', async () => {
    const result = await move('kestra_service_account_api_token', 'kestra_api_token', official.serviceAccountToken('x', 'sa1', token).attributes);
    expect(result.diagnostics).toEqual([]);
    expect(result.state).toEqual({ ...common, ...unread, id: 'service-account/sa1/t1', service_account_id: 'sa1', user_id: null });
  });

  test('a user token keeps its secret', async () => {
    const result = await move('kestra_user_api_token', 'kestra_api_token', official.userToken('x', 'u1', token).attributes, 'registry.terraform.io/kestra-io/kestra');
    expect(result.state).toEqual({ ...common, ...unread, id: 'user/u1/t1', service_account_id: null, user_id: 'u1' });
  });

  test('a kestra_binding cannot become a token', async () => {
    const result = await move('kestra_binding', 'kestra_api_token', {});
    expect(warnings(result.diagnostics)).toEqual(['error: Failed to move kestra_api_token: move not supported']);
  });
});

describe('kestra_role_binding, moved from kestra_binding', () => {
  const binding = (type: 'USER' | 'GROUP', namespace?: string) =>
    official.binding('x', { id: 'b1', type, externalId: 'x1', roleId: 'r1', ...(namespace ? { namespace } : {}) }).attributes;
  const common = { id: 'b1', role_id: 'r1', tenant_id: 'main' };

  test.each([
    ['a USER grantee (service account or user) stays in user_id, which names both', binding('USER'), { service_account_id: null, user_id: 'x1', group_id: null, namespace: null }],
    ['a GROUP grantee, with its namespace', binding('GROUP', 'company.team'), { service_account_id: null, user_id: null, group_id: 'x1', namespace: 'company.team' }],
  ])('%s', async (_name, attributes, grantee) => {
    const result = await move('kestra_binding', 'kestra_role_binding', attributes);
    expect(result.diagnostics).toEqual([]);
    expect(result.state).toEqual({ ...common, ...grantee });
  });

  test('a binding type Kestra does not have is an error', async () => {
    const result = await move('kestra_binding', 'kestra_role_binding', { ...binding('USER'), type: 'ROBOT' });
    expect(warnings(result.diagnostics)).toEqual(['error: Failed to move kestra_role_binding: unknown binding type']);
  });
});
