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
  // No API is called; the provider still gives each call its own operation of the client (one timeout).
  const context = { defaultTenant: 'team', api: { operation: () => ({}) }, creates: {} };
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
  const unread = { prefix: null, issued_at: null, expires_at: null, expired: false, last_used: null, tenant_id: null, owner: null };

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

describe('kestra_user, upgraded from version 0', () => {
  const expected = { id: 'u1', email: 'jane@example.com', first_name: 'Jane', last_name: null, super_admin: false, groups: ['g1', 'g2'], password_wo: null, password_wo_version: null };

  test('the official shape: username, unset strings as "", groups as ids', async () => {
    const result = await upgrade('kestra_user', 0, official.user('x', { id: 'u1', email: 'jane@example.com', firstName: 'Jane', groups: ['g1', 'g2'] }).attributes);
    expect(result.diagnostics).toEqual([]);
    expect(result.state).toEqual(expected);
  });

  test('an official state without an email falls back to the username, which is the email', async () => {
    const attributes = { ...official.user('x', { id: 'u1', email: 'jane@example.com', firstName: 'Jane', groups: ['g1', 'g2'] }).attributes, email: '' };
    expect((await upgrade('kestra_user', 0, attributes)).state).toEqual(expected);
  });

  test('an official namespace and description are dropped with warnings that name them and say why', async () => {
    const attributes = official.user('x', { id: 'u1', email: 'jane@example.com', firstName: 'Jane', groups: ['g1', 'g2'], namespace: 'company.team', description: 'On call' }).attributes;
    const result = await upgrade('kestra_user', 0, attributes);
    expect(warnings(result.diagnostics)).toEqual(['warning: kestra_user.description is not carried over', 'warning: kestra_user.namespace is not carried over']);
    expect(result.diagnostics.map((d) => d.detail)).toEqual([expect.stringMatching(/never sent it/), expect.stringMatching(/Kestra users have no namespace/)]);
    expect(result.state).toEqual(expected);
  });

  test('this provider\'s own version 0 keeps its superadmin flag and password version', async () => {
    const own = { ...expected, super_admin: true, password_wo_version: 3 };
    const result = await upgrade('kestra_user', 0, own);
    expect(result.diagnostics).toEqual([]);
    expect(result.state).toEqual(own);
  });
});

describe('kestra_group, upgraded from version 0', () => {
  test.each([
    ['the official shape: an unset description as ""', official.group('x', { id: 'g1', name: 'platform' }).attributes, 'main'],
    ['this provider\'s own version 0', { id: 'g1', name: 'platform', description: null, tenant_id: 'dev' }, 'dev'],
    ['an official state that names no tenant takes the provider\'s', { ...official.group('x', { id: 'g1', name: 'platform' }).attributes, tenant_id: '' }, 'team'],
  ])('%s', async (_name, attributes, tenant) => {
    const result = await upgrade('kestra_group', 0, attributes);
    expect(result.diagnostics).toEqual([]);
    expect(result.state).toEqual({ id: 'g1', name: 'platform', description: null, tenant_id: tenant });
  });

  test('an official namespace is dropped with a warning that names it and says why', async () => {
    const result = await upgrade('kestra_group', 0, official.group('x', { id: 'g1', name: 'platform', namespace: 'company.team', description: 'Platform team' }).attributes);
    expect(warnings(result.diagnostics)).toEqual(['warning: kestra_group.namespace is not carried over']);
    expect(result.diagnostics[0]?.detail).toMatch(/Kestra groups have no namespace/);
    expect(result.state).toEqual({ id: 'g1', name: 'platform', description: 'Platform team', tenant_id: 'main' });
  });
});

describe('kestra_tenant, upgraded from version 0', () => {
  const unset = {
    worker_group: null, storage_isolation: null, secret_isolation: null, storage_type: null, storage_configuration: null, secret_type: null, secret_read_only: false,
    secret_configuration: null, require_existing_namespace: false, outputs_in_internal_storage: false,
  };

  test('the official shape with every setting: blocks as lists of one, configurations as maps, the id also in tenant_id', async () => {
    const attributes = official.tenant('x', {
      id: 'team2',
      name: 'Team 2',
      workerGroup: { key: 'gpu', fallback: 'WAIT' },
      storageType: 's3',
      storageConfiguration: { bucket: 'flows', region: 'eu-west-1' },
      storageIsolation: { enabled: true, deniedServices: ['WORKER', 'EXECUTOR'] },
      secretIsolation: { enabled: false, deniedServices: [] },
      secretType: 'vault',
      secretReadOnly: true,
      secretConfiguration: { address: 'https://vault.example.com' },
      requireExistingNamespace: true,
      outputsInInternalStorage: true,
    }).attributes;
    const result = await upgrade('kestra_tenant', 0, attributes);
    expect(result.diagnostics).toEqual([]);
    expect(result.state).toEqual({
      id: 'team2',
      name: 'Team 2',
      worker_group: { key: 'gpu', fallback: 'WAIT' },
      storage_isolation: { enabled: true, denied_services: ['WORKER', 'EXECUTOR'] },
      secret_isolation: { enabled: false, denied_services: [] },
      storage_type: 's3',
      storage_configuration: JSON.stringify({ bucket: 'flows', region: 'eu-west-1' }),
      secret_type: 'vault',
      secret_read_only: true,
      secret_configuration: JSON.stringify({ address: 'https://vault.example.com' }),
      require_existing_namespace: true,
      outputs_in_internal_storage: true,
    });
  });

  test('the official shape with nothing set: empty block lists, "" strings and null maps become unset settings', async () => {
    const result = await upgrade('kestra_tenant', 0, official.tenant('x', { id: 'team2', name: 'Team 2' }).attributes);
    expect(result.diagnostics).toEqual([]);
    expect(result.state).toEqual({ id: 'team2', name: 'Team 2', ...unset });
  });

  test('this provider\'s own version 0: nested objects and configuration text as they were', async () => {
    const own = { id: 'team2', name: 'Team 2', ...unset, worker_group: { key: 'gpu', fallback: 'FAIL' }, storage_isolation: { enabled: true, denied_services: ['WORKER'] }, storage_configuration: '{"bucket":"flows"}' };
    const result = await upgrade('kestra_tenant', 0, own);
    expect(result.diagnostics).toEqual([]);
    expect(result.state).toEqual(own);
  });
});

describe('kestra_group_member, moved from kestra_user_group_membership', () => {
  test('the user becomes the member, a plain MEMBER as the official provider added it; the id is the same', async () => {
    const result = await move('kestra_user_group_membership', 'kestra_group_member', official.userGroupMembership('x', 'g1', 'u1').attributes, 'registry.terraform.io/kestra-io/kestra');
    expect(result.diagnostics).toEqual([]);
    expect(result.state).toEqual({ id: 'g1/u1', group_id: 'g1', member_id: 'u1', membership: 'MEMBER', tenant_id: 'main' });
  });

});

describe('kestra_user_password has no counterpart: no moved block takes its state, and its password reaches no state or message', () => {
  test.each(['kestra_user', 'kestra_group_member'])('moved to %s', async (target) => {
    const result = await move('kestra_user_password', target, official.userPassword('x', 'u1', 'S3cret!pass').attributes, 'registry.terraform.io/kestra-io/kestra');
    expect(warnings(result.diagnostics)).toEqual([`error: Failed to move ${target}: move not supported`]);
    expect(result.state).toBeNull();
    expect(JSON.stringify(result)).not.toContain('S3cret!pass');
  });
});
