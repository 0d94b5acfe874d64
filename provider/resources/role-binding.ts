import type { ApiBindingDetail, ApiCreateBindingRequest } from '../client/index.js';
import {
  computed, defineResource, defineSchema, exactlyOneOf, optional, rawRequiredString, rawString, required, requiresReplace, ResourceError, stringType,
  useStateForUnknown, type PlanOf, type RawState, type StateOf,
} from '../framework/index.js';
import { createOrAdopt, fromOfficial, importTenantScoped, nonBlank, orNullIfGone, planTenant, tenantIdAttribute, tenantOf } from '../kestra/index.js';
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

export const roleBindingResource = defineResource<typeof schema, KestraContext>({
  typeName: 'kestra_role_binding',
  displayName: 'role binding',
  schema,
  configValidators: [exactlyOneOf('service_account_id', 'user_id', 'group_id')],

  modifyPlan: planTenant,

  async create({ plan }, ctx) {
    const tenant = tenantOf(plan, ctx);
    const request = requestBody(plan);
    const bindings = ctx.client.api.bindings;
    // Identical bindings may exist side by side: only one that appears during this create can be the one it made.
    const sameGrant = async () =>
      (await bindings.search({ type: request.type, externalId: request.externalId }, { tenant })).filter(
        (b) => b.role.id === request.roleId && (b.namespace ?? undefined) === request.namespaceId,
      );
    const before = new Set((await sameGrant()).map((b) => b.id));
    const binding = await createOrAdopt(
      () => bindings.create(request, { tenant }),
      async () => (await sameGrant()).find((b) => !before.has(b.id)),
    );
    return toState(binding, tenant, plan);
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

function requestBody(plan: PlanOf<typeof schema>): ApiCreateBindingRequest {
  return { ...grantee(plan), roleId: plan.role_id, ...(plan.namespace !== null ? { namespaceId: plan.namespace } : {}) };
}

function grantee(plan: PlanOf<typeof schema>): Pick<ApiCreateBindingRequest, 'type' | 'externalId'> {
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
