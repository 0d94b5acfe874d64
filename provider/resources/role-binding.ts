import type { ApiBindingDetail, ApiCreateBindingRequest } from '../client/index.js';
import { requiresReplace } from '../framework/plan-modifiers/requires-replace.js';
import { useStateForUnknown } from '../framework/plan-modifiers/use-state-for-unknown.js';
import { defineResource } from '../framework/resource.js';
import { computed, defineSchema, optional, required, type ModelOf } from '../framework/schema.js';
import { exactlyOneOf } from '../framework/validators/config-validators.js';
import { notEmpty } from '../framework/validators/string-validators.js';
import { stringType } from '../framework/value-types.js';
import type { KestraContext } from '../provider-config.js';
import { createOrAdopt, deleteIfPresent, orNullIfGone, importTenantScoped, planTenant, tenantIdAttribute, tenantOf } from './common.js';

// Bindings are immutable on the server: every argument replaces the binding.
const replaced = { planModifiers: [requiresReplace()], validators: [notEmpty()] };

const schema = defineSchema({
  description:
    'Grants a role to exactly one service account, user or group, on the whole tenant or only inside a namespace (and its child namespaces). ' +
    'Bindings cannot be changed on the server: any change replaces the binding.',
  attributes: {
    id: computed(stringType, { description: 'Identifier Kestra gave the binding.', planModifiers: [useStateForUnknown()] }),
    role_id: required(stringType, { description: 'Id of the role to grant.', ...replaced }),
    service_account_id: optional(stringType, { description: 'Id of the service account that gets the role.', ...replaced }),
    user_id: optional(stringType, { description: 'Id of the user that gets the role.', ...replaced }),
    group_id: optional(stringType, { description: 'Id of the group that gets the role.', ...replaced }),
    namespace: optional(stringType, { description: 'Limits the binding to this namespace and its children; tenant-wide when unset.', ...replaced }),
    tenant_id: tenantIdAttribute,
  },
});

type Model = ModelOf<typeof schema>;

export const roleBindingResource = defineResource<typeof schema, KestraContext>({
  typeName: 'kestra_role_binding',
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
    return toModel(binding, tenant, plan);
  },

  async read({ state }, ctx) {
    const tenant = tenantOf(state, ctx);
    const binding = await orNullIfGone(ctx.client.api.bindings.get(state.id!, { tenant }));
    return binding && toModel(binding, tenant, state);
  },

  async delete({ state }, ctx) {
    await deleteIfPresent(ctx.client.api.bindings.delete(state.id!, { tenant: tenantOf(state, ctx) }));
  },

  importState: importTenantScoped,
});

function requestBody(plan: Model): ApiCreateBindingRequest {
  const group = plan.group_id !== null;
  return {
    type: group ? 'GROUP' : 'USER',
    // A service account is a user to the binding API.
    externalId: (plan.group_id ?? plan.service_account_id ?? plan.user_id)!,
    roleId: plan.role_id,
    ...(plan.namespace !== null ? { namespaceId: plan.namespace } : {}),
  };
}

/** Maps the server's binding back, the namespace included (the official provider never reads it, so drift went unseen). */
function toModel(binding: ApiBindingDetail, tenant: string, known: Pick<Model, 'service_account_id'>): Model {
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
