import type { ApiBindingDetail, ApiCreateBindingRequest } from '../client/index.js';
import {
  computed, defineResource, defineSchema, exactlyOneOf, notEmpty, optional, rawRequiredString, rawString, required, requiresReplace, ResourceError,
  stringType, useStateForUnknown, type PlanOf, type RawState, type StateOf,
} from '../framework/index.js';
import { createOrAdopt, fromOfficial, importTenantScoped, orNullIfGone, planTenant, tenantIdAttribute, tenantOf } from '../kestra/index.js';
import type { KestraContext } from '../provider-config.js';

// Bindings are immutable on the server: every argument replaces the binding.
const replaced = { planModifiers: [requiresReplace<string>()], validators: [notEmpty()] };

const schema = defineSchema({
  description:
    'Grants a role to exactly one service account, user or group, on the whole tenant or only inside a namespace (and its child namespaces). ' +
    'Bindings cannot be changed on the server: any change replaces the binding.',
  attributes: {
    id: computed(stringType, { description: 'Identifier Kestra gave the binding.', nullable: false, planModifiers: [useStateForUnknown()] }),
    role_id: required(stringType, { description: 'Id of the role to grant.', ...replaced }),
    service_account_id: optional(stringType, { description: 'Id of the service account that gets the role.', ...replaced }),
    user_id: optional(stringType, { description: 'Id of the user that gets the role.', ...replaced }),
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

  importState: importTenantScoped((ctx, id, tenant) => fetchBinding(ctx, id, tenant, { service_account_id: null })),

  movedFrom: [fromOfficial('kestra_binding', { reads: ['type', 'external_id'], move: movedBinding })],
});

/**
 * An official binding state (`type` and `external_id` name the grantee) as this resource's. A service account is
 * a USER to the binding API, and only the API tells it from a user: a USER grantee is taken for a service account
 * (what a team migrating service accounts mostly binds), and the first refresh reads what it really is.
 */
function movedBinding(raw: RawState): State {
  const grantee = rawRequiredString(raw, 'external_id');
  const type = rawRequiredString(raw, 'type');
  if (type !== 'USER' && type !== 'GROUP') throw new ResourceError('unknown binding type', `The stored binding has type ${JSON.stringify(type)}; Kestra binds USER or GROUP.`);
  return {
    id: rawRequiredString(raw, 'id'),
    role_id: rawRequiredString(raw, 'role_id'),
    service_account_id: type === 'USER' ? grantee : null,
    user_id: null,
    group_id: type === 'GROUP' ? grantee : null,
    namespace: rawString(raw.namespace),
    tenant_id: rawString(raw.tenant_id),
  };
}

async function fetchBinding(ctx: { readonly client: KestraContext }, id: string, tenant: string, known: Pick<State, 'service_account_id'>): Promise<State | null> {
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
function toState(binding: ApiBindingDetail, tenant: string, known: Pick<State, 'service_account_id'>): State {
  const user = binding.user ?? null;
  const isServiceAccount = user !== null && (user.type === 'SERVICE_ACCOUNT' || (user.type === undefined && known.service_account_id !== null));
  return {
    id: binding.id,
    role_id: binding.role.id,
    service_account_id: isServiceAccount ? user.id : null,
    user_id: user !== null && !isServiceAccount ? user.id : null,
    group_id: binding.group?.id ?? null,
    namespace: binding.namespace || null,
    tenant_id: tenant,
  };
}
