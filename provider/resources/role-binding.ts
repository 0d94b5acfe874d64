import type { ApiBindingDetail, ApiCreateBindingRequest } from '../client/index.js';
import {
  computed, defineResource, defineSchema, exactlyOneOf, optional, rawRequiredString, rawString, required, requiresReplace, ResourceError, stringType,
  useStateForUnknown, type PlanOf, type RawState, type StateOf,
} from '../framework/index.js';
import {
  createObject, fromOfficial, importTenantScoped, nonBlank, objectKey, orNullIfGone, placeholderSink, planTenant, settlePlaceholder, tenantIdAttribute, tenantOf,
  type CreateTarget, type PendingCreate,
} from '../kestra/index.js';
import type { KestraContext } from '../provider-config.js';

// Bindings are immutable on the server: every argument replaces the binding.
const replaced = { planModifiers: [requiresReplace<string>()], validators: [nonBlank] };

const schema = defineSchema({
  description:
    'Grants a role to exactly one service account, user or group, on the whole tenant or only inside a namespace (and its child namespaces). ' +
    'Bindings cannot be changed on the server: any change replaces the binding.',
  attributes: {
    id: computed(stringType, { description: 'Identifier Kestra gave the binding.', nullable: false, planModifiers: [useStateForUnknown()] }),
    role_id: required(stringType, { description: 'Id of the role to grant.', ...replaced }),
    service_account_id: optional(stringType, {
      description: 'Id of the service account that gets the role. Kestra binds service accounts as users, so `user_id` works for them too; the attribute you use is the one kept in state.',
      ...replaced,
    }),
    user_id: optional(stringType, { description: 'Id of the user (or, as Kestra allows, of the service account) that gets the role.', ...replaced }),
    group_id: optional(stringType, { description: 'Id of the group that gets the role.', ...replaced }),
    namespace: optional(stringType, { description: 'Limits the binding to this namespace and its children; tenant-wide when unset.', ...replaced }),
    tenant_id: tenantIdAttribute,
  },
});

type State = StateOf<typeof schema>;

export const roleBindingResource = defineResource<typeof schema, KestraContext, { pending_create: PendingCreate }>({
  typeName: 'kestra_role_binding',
  displayName: 'role binding',
  schema,
  configValidators: [exactlyOneOf('service_account_id', 'user_id', 'group_id')],

  modifyPlan: planTenant,

  async create({ plan }, ctx) {
    const tenant = tenantOf(plan, ctx);
    const { id: _unknown, ...placeholder } = plan;
    return createObject(ctx.client.creates, createTarget(ctx, tenant, requestBody(plan)), placeholderSink(ctx, placeholder), async (binding) =>
      toState(binding, tenant, plan),
    );
  },

  async resolvePlaceholder({ state }, ctx) {
    const tenant = tenantOf({ tenant_id: state.tenant_id ?? null }, ctx);
    const { role_id: roleId, service_account_id: serviceAccountId = null, user_id: userId = null, group_id: groupId = null, namespace = null } = state;
    if (typeof roleId !== 'string') throw new ResourceError('placeholder without a role', 'The placeholder of this role binding has no role_id to look it up by; remove it from the state.');
    const grant = { role_id: roleId, service_account_id: serviceAccountId, user_id: userId, group_id: groupId, namespace };
    const found = await settlePlaceholder(ctx.client.creates, createTarget(ctx, tenant, requestBody(grant)), ctx.private.pending_create);
    return found && toState(found, tenant, grant);
  },

  read: ({ state }, ctx) => fetchBinding(ctx, state.id, tenantOf(state, ctx), state),

  async delete({ state }, ctx) {
    await orNullIfGone(ctx.client.api.bindings.delete(state.id, { tenant: tenantOf(state, ctx) }));
  },

  importState: importTenantScoped((ctx, id, tenant) => fetchBinding(ctx, id, tenant, NO_GRANTEE)),

  movedFrom: [fromOfficial('kestra_binding', { reads: ['type', 'external_id'], move: movedBinding })],
});

/** Which attribute names a bound user: the one the configuration used; on import, none yet. */
type Grantee = Pick<State, 'service_account_id' | 'user_id'>;
const NO_GRANTEE: Grantee = { service_account_id: null, user_id: null };

/**
 * An official binding state (`type` and `external_id` name the grantee) as this resource's: a USER grantee, a
 * service account or a user, stays in `user_id`, which names both, as the official provider's USER did.
 */
function movedBinding(raw: RawState): State {
  const grantee = rawRequiredString(raw, 'external_id');
  const type = rawRequiredString(raw, 'type');
  if (type !== 'USER' && type !== 'GROUP') throw new ResourceError('unknown binding type', `The stored binding has type ${JSON.stringify(type)}; Kestra binds USER or GROUP.`);
  return {
    id: rawRequiredString(raw, 'id'),
    role_id: rawRequiredString(raw, 'role_id'),
    service_account_id: null,
    user_id: type === 'USER' ? grantee : null,
    group_id: type === 'GROUP' ? grantee : null,
    namespace: rawString(raw.namespace),
    tenant_id: rawString(raw.tenant_id),
  };
}

async function fetchBinding(ctx: { readonly client: KestraContext }, id: string, tenant: string, known: Grantee): Promise<State | null> {
  const binding = await orNullIfGone(ctx.client.api.bindings.get(id, { tenant }));
  return binding && toState(binding, tenant, known);
}

/**
 * The create protocol's view of a binding: identical bindings may exist side by side, and a binding has no field
 * of its own, so only a binding with the same grantee, role and namespace that appears during the create is its own.
 */
function createTarget(ctx: { readonly client: KestraContext }, tenant: string, request: ApiCreateBindingRequest): CreateTarget<ApiBindingDetail, ApiBindingDetail> {
  const bindings = ctx.client.api.bindings;
  return {
    what: `role binding of ${request.type === 'GROUP' ? 'group' : 'user'} ${JSON.stringify(request.externalId)} to role ${JSON.stringify(request.roleId)}`,
    key: objectKey(ctx.client.api.endpoint, tenant, 'binding', request.type, request.externalId, request.roleId, request.namespaceId ?? null),
    create: () => bindings.create(request, { tenant }),
    find: async () =>
      (await bindings.search({ type: request.type, externalId: request.externalId }, { tenant })).filter(
        (b) => b.role.id === request.roleId && (b.namespace || undefined) === request.namespaceId,
      ),
    adopt: async (found) => found,
    discard: async (found) => void (await orNullIfGone(bindings.delete(found.id, { tenant }))),
  };
}

type Grant = Pick<PlanOf<typeof schema>, 'role_id' | 'service_account_id' | 'user_id' | 'group_id' | 'namespace'>;

function requestBody(plan: Grant): ApiCreateBindingRequest {
  return { ...grantee(plan), roleId: plan.role_id, ...(plan.namespace !== null ? { namespaceId: plan.namespace } : {}) };
}

function grantee(plan: Omit<Grant, 'role_id' | 'namespace'>): Pick<ApiCreateBindingRequest, 'type' | 'externalId'> {
  if (plan.group_id !== null) return { type: 'GROUP', externalId: plan.group_id };
  // A service account is a user to the binding API.
  const user = plan.service_account_id ?? plan.user_id;
  if (user === null) throw new ResourceError('no grantee', 'Exactly one of service_account_id, user_id and group_id must be set.');
  return { type: 'USER', externalId: user };
}

/** Maps the server's binding back, the namespace included (the official provider never reads it, so drift went unseen). */
function toState(binding: ApiBindingDetail, tenant: string, known: Grantee): State {
  return {
    id: binding.id,
    role_id: binding.role.id,
    ...boundUser(binding.user ?? null, known),
    group_id: binding.group?.id ?? null,
    namespace: binding.namespace || null,
    tenant_id: tenant,
  };
}

/**
 * Kestra binds service accounts and users alike (type USER), so a configuration may name a service account
 * with `user_id` (as the official provider does) or the other way round: the attribute it used keeps the id.
 * Without one (an import), the server's user type decides.
 */
function boundUser(user: NonNullable<ApiBindingDetail['user']> | null, known: Grantee): Grantee {
  if (user === null) return NO_GRANTEE;
  const asServiceAccount = known.service_account_id === user.id || (known.user_id !== user.id && user.type === 'SERVICE_ACCOUNT');
  return asServiceAccount ? { service_account_id: user.id, user_id: null } : { service_account_id: null, user_id: user.id };
}
