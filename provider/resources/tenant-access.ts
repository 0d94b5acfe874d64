import type { ApiTenantAccess } from '../client/index.js';
import {
  computed, defineResource, defineSchema, exactlyOneOf, optional, requiresReplace, ResourceError, stringType, useStateForUnknown, type StateOf,
} from '../framework/index.js';
import {
  createObject, nonBlank, objectKey, orNullIfGone, parseTenantScopedId, placeholderSink, planTenant, settlePlaceholder, tenantIdAttribute, tenantOf,
  type CreateTarget, type PendingCreate,
} from '../kestra/index.js';
import type { KestraContext } from '../provider-config.js';

const replaced = { planModifiers: [requiresReplace<string>()], validators: [nonBlank] };

const schema = defineSchema({
  description:
    'Lets a user or a service account of the instance work in a tenant, without making it a superadmin. Access alone grants nothing: ' +
    'give the account its permissions there with `kestra_role_binding` (whose `tenant_id` can refer to this resource, so the access ' +
    'exists first). Removing the access also removes, on the server, what the account held in that tenant: its bindings and its ' +
    'memberships of the tenant\'s groups. Access that exists already is refused at create, never taken over: import it instead.',
  attributes: {
    id: computed(stringType, { description: 'Import id: `<tenant_id>/<account id>`.', nullable: false, planModifiers: [useStateForUnknown()] }),
    user_id: optional(stringType, { description: 'Id of the user given access. Exactly one of `user_id` and `service_account_id` must be set.', ...replaced }),
    service_account_id: optional(stringType, { description: 'Id of the service account given access.', ...replaced }),
    username: computed(stringType, { description: 'Username of the account (for a service account, its name).' }),
    tenant_id: tenantIdAttribute,
  },
});

type State = StateOf<typeof schema>;
type Account = Pick<State, 'user_id' | 'service_account_id'>;

export const tenantAccessResource = defineResource<typeof schema, KestraContext, { pending_create: PendingCreate }>({
  typeName: 'kestra_tenant_access',
  displayName: 'tenant access',
  schema,
  configValidators: [exactlyOneOf('user_id', 'service_account_id')],

  modifyPlan: planTenant,

  async create({ plan }, ctx) {
    const tenant = tenantOf(plan, ctx);
    const { id: _unknown, username: _computed, ...placeholder } = plan;
    return createObject(ctx.client.creates, createTarget(ctx, tenant, accountOf(plan)), placeholderSink(ctx, placeholder), async (access) =>
      toState(access, tenant, plan),
    );
  },

  async resolvePlaceholder({ state }, ctx) {
    const tenant = tenantOf({ tenant_id: state.tenant_id ?? null }, ctx);
    const account = { user_id: state.user_id ?? null, service_account_id: state.service_account_id ?? null };
    const found = await settlePlaceholder(ctx.client.creates, createTarget(ctx, tenant, accountOf(account)), ctx.private.pending_create);
    return found && toState(found.access, tenant, account);
  },

  read: ({ state }, ctx) => fetchAccess(ctx, tenantOf(state, ctx), state),

  async delete({ state }, ctx) {
    await orNullIfGone(ctx.client.api.tenantAccess.revoke(accountOf(state), { tenant: tenantOf(state, ctx) }));
  },

  // `<tenant>/<account id>`, or a bare account id in the provider's tenant; whether it is a service account is asked of the tenant.
  async importState({ id }, ctx) {
    const ref = parseTenantScopedId(id, ctx);
    const isServiceAccount = (await orNullIfGone(ctx.client.api.serviceAccounts.get(ref.id, { tenant: ref.tenant }))) !== null;
    const account = isServiceAccount ? { user_id: null, service_account_id: ref.id } : { user_id: ref.id, service_account_id: null };
    return fetchAccess(ctx, ref.tenant, account);
  },
});

function accountOf(account: Account): string {
  const id = account.service_account_id ?? account.user_id;
  if (id === null) throw new ResourceError('tenant access without an account', 'Set user_id or service_account_id.');
  return id;
}

async function fetchAccess(ctx: { readonly client: KestraContext }, tenant: string, account: Account): Promise<State | null> {
  const access = await orNullIfGone(ctx.client.api.tenantAccess.get(accountOf(account), { tenant }));
  return access && toState(access, tenant, account);
}

/** An access as the create protocol lists it: the account's id is its identity. */
type Listed = { readonly id: string; readonly access: ApiTenantAccess };

/**
 * The create protocol's view of an access: an account has it in a tenant or not, so it is unique, and access
 * granted before the create (by hand, or by a binding made there) is refused rather than adopted and later revoked.
 */
function createTarget(ctx: { readonly client: KestraContext }, tenant: string, accountId: string): CreateTarget<ApiTenantAccess, Listed> {
  const api = ctx.client.api.tenantAccess;
  const get = () => api.get(accountId, { tenant });
  return {
    what: `access of account ${JSON.stringify(accountId)} to tenant ${JSON.stringify(tenant)}`,
    key: objectKey(ctx.client.api.endpoint, tenant, 'tenant-access', accountId),
    unique: true,
    create: async () => {
      await api.grant(accountId, { tenant });
      return get();
    },
    find: async () => {
      const access = await orNullIfGone(get());
      return access ? [{ id: access.userId, access }] : [];
    },
    adopt: async (found) => found.access,
    discard: async (found) => void (await orNullIfGone(api.revoke(found.id, { tenant }))),
  };
}

function toState(access: ApiTenantAccess, tenant: string, account: Account): State {
  const id = access.userId;
  return {
    id: `${tenant}/${id}`,
    user_id: account.service_account_id === null ? id : null,
    service_account_id: account.service_account_id === null ? null : id,
    username: access.username ?? null,
    tenant_id: tenant,
  };
}
