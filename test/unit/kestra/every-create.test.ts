/**
 * Every resource the provider registers creates through the one ambiguous-create protocol and settles its
 * placeholders, so a resource added later gets the guarantees of README's "Reliability" or fails here.
 */
import { createLogger } from '../../../provider/bridge/logging.js';
import { Diagnostics, type AnyResource } from '../../../provider/framework/index.js';
import { kestraProvider } from '../../../provider/kestra-provider.js';
import { NO_JOURNAL } from '../../../provider/kestra/index.js';
import type { KestraContext } from '../../../provider/provider-config.js';

/** A plan each resource can be created from; a new resource needs one here. */
const PLANS: Record<string, Record<string, unknown>> = {
  kestra_service_account: { id: null, name: 'ci', description: null, super_admin: false, groups: [], tenant_id: 'main' },
  kestra_role: { id: null, name: 'viewer', description: null, permissions: { FLOW: ['READ'] }, is_default: false, tenant_id: 'main' },
  kestra_role_binding: { id: null, role_id: 'r1', service_account_id: 'sa1', user_id: null, group_id: null, namespace: null, tenant_id: 'main' },
  kestra_api_token: {
    id: null, service_account_id: 'sa1', user_id: null, name: 'deploy', description: null, max_age: null, extended: false, keepers: null,
    rotate_before: null, tenant_id: 'main', token: null, token_id: null, prefix: null, issued_at: null, expires_at: null, expired: false, last_used: null,
  },
  kestra_group: { id: null, name: 'operators', description: null, tenant_id: 'main' },
  kestra_group_member: { id: null, group_id: 'g1', member_id: 'sa1', membership: 'MEMBER', tenant_id: 'main' },
  kestra_user: { id: null, email: 'ada@example.com', first_name: null, last_name: null, super_admin: false, groups: null, password_wo: null, password_wo_version: null },
  kestra_tenant_access: { id: null, user_id: null, service_account_id: 'sa1', username: null, tenant_id: 'team2' },
  kestra_tenant: {
    id: 'team2', name: 'Team 2', worker_group: null, storage_isolation: null, secret_isolation: null, storage_type: null, storage_configuration: null,
    secret_type: null, secret_read_only: false, secret_configuration: null, require_existing_namespace: false, outputs_in_internal_storage: false,
  },
};

class ThroughTheProtocol extends Error {
  constructor(readonly key: string) {
    super('the create went through the protocol');
  }
}

/** A client where every API is a stub; the create protocol's entry point stops the create and says it was reached. */
function context(): KestraContext {
  // Not a thenable: a create that bypasses the protocol gets its calls' results at once, and fails the check below.
  const stub: object = new Proxy(() => stub, {
    get: (_target, name) => (name === 'endpoint' ? 'http://kestra.test' : name === 'then' ? undefined : stub),
    apply: () => stub,
  });
  return {
    api: stub as KestraContext['api'],
    defaultTenant: 'main',
    serverVersion: async () => undefined,
    plannedDefaultRoles: new Map(),
    creates: {
      journal: NO_JOURNAL,
      remainingMs: () => 10_000,
      unsettled: new Set(),
      serialize: async (key) => {
        throw new ThroughTheProtocol(key);
      },
    },
  };
}

const resources = kestraProvider(createLogger({ level: 'off' })).resources as readonly AnyResource<KestraContext>[];

test.each(resources.map((r) => [r.typeName, r] as const))('%s creates through createObject and settles placeholders', async (typeName, resource) => {
  const plan = PLANS[typeName];
  expect(plan === undefined ? `add a plan for ${typeName} to PLANS` : 'has a plan').toBe('has a plan');
  expect(typeof resource.resolvePlaceholder).toBe('function');
  const ctx = {
    ...{ client: context(), diagnostics: new Diagnostics(), signal: new AbortController().signal, logger: createLogger({ level: 'off' }) },
    private: {},
    recordPartialState: () => {},
  };
  const outcome = await resource.create({ plan: plan as never, config: plan as never }, ctx).catch((error: unknown) => error);
  expect(outcome).toBeInstanceOf(ThroughTheProtocol);
  // The identity key names the server, so the journal and the queue never mix objects of two servers.
  expect((outcome as ThroughTheProtocol).key).toContain('http://kestra.test');
});
