import type { ApiGroupDetail, ApiUpdateGroupRequest } from '../client/index.js';
import {
  computed, defineResource, defineSchema, notEmpty, optional, rawRequiredString, rawString, required, ResourceError, stringType, useStateForUnknown,
  type PartialStateOf, type PlanOf, type StateOf, type StateUpgrader,
} from '../framework/index.js';
import {
  createObject, importTenantScoped, nonBlank, objectKey, orNullIfGone, placeholderSink, planTenant, settlePlaceholder, storedTenant, tenantIdAttribute,
  tenantOf, type CreateTarget, type PendingCreate,
} from '../kestra/index.js';
import type { KestraContext } from '../provider-config.js';

const schema = defineSchema({
  // Version 1 only so that Terraform hands over a version-0 state whole: the official provider's (kestra-io/kestra
  // v1.3.2, with a `namespace`) goes through the upgrader, which also reads this provider's own version 0.
  version: 1,
  description:
    'A Kestra group of a tenant: users and service accounts that share the roles bound to the group (`kestra_role_binding` with `group_id`). ' +
    'Add members with `kestra_group_member`. Names are unique in the tenant. Kestra groups have no namespace: a role is limited to a ' +
    'namespace by its binding\'s `namespace`, not by the group.',
  attributes: {
    id: computed(stringType, { description: 'Identifier Kestra gave the group.', nullable: false, planModifiers: [useStateForUnknown()] }),
    name: required(stringType, { description: 'Name of the group, unique in the tenant; not blank.', validators: [nonBlank] }),
    description: optional(stringType, { description: 'Free-text description.', validators: [notEmpty()] }),
    tenant_id: tenantIdAttribute,
  },
});

type State = StateOf<typeof schema>;
type Ctx = { readonly client: KestraContext };

export const groupResource = defineResource<typeof schema, KestraContext, { pending_create: PendingCreate }>({
  typeName: 'kestra_group',
  displayName: 'group',
  schema,

  modifyPlan: planTenant,

  async create({ plan }, ctx) {
    const tenant = tenantOf(plan, ctx);
    const { id: _unknown, ...placeholder } = plan;
    return createObject(ctx.client.creates, createTarget(ctx, tenant, requestBody(plan)), placeholderSink(ctx, placeholder), async (created) => toState(created, tenant));
  },

  async resolvePlaceholder({ state }, ctx) {
    const tenant = tenantOf({ tenant_id: state.tenant_id ?? null }, ctx);
    const found = await settlePlaceholder(ctx.client.creates, createTarget(ctx, tenant, placeholderBody(state)), ctx.private.pending_create);
    return found && fetchGroup(ctx, found.id, tenant);
  },

  read: ({ state }, ctx) => fetchGroup(ctx, state.id, tenantOf(state, ctx)),

  async update({ plan, state }, ctx) {
    const tenant = tenantOf(state, ctx);
    return toState(await ctx.client.api.groups.update(state.id, requestBody(plan), { tenant }), tenant);
  },

  async delete({ state }, ctx) {
    await orNullIfGone(ctx.client.api.groups.delete(state.id, { tenant: tenantOf(state, ctx) }));
  },

  importState: importTenantScoped(fetchGroup),

  stateUpgraders: { 0: storedGroup() },
});

async function fetchGroup(ctx: Ctx, id: string, tenant: string): Promise<State | null> {
  const found = await orNullIfGone(ctx.client.api.groups.get(id, { tenant }));
  return found && toState(found, tenant);
}

/** The create protocol's view of a group: the server refuses a second group of the same name in a tenant (409). */
function createTarget(ctx: Ctx, tenant: string, body: ApiUpdateGroupRequest): CreateTarget<ApiGroupDetail, ApiGroupDetail> {
  const groups = ctx.client.api.groups;
  return {
    what: `group ${JSON.stringify(body.name)}`,
    key: objectKey(ctx.client.api.endpoint, tenant, 'group', body.name),
    unique: true,
    create: () => groups.create(body, { tenant }),
    find: () => groups.findByName(body.name, { tenant }),
    // Kestra 1.3's search leaves the description out: read it from the group itself.
    sentBy: async (found) => ((await groups.get(found.id, { tenant })).description || '') === (body.description ?? ''),
    adopt: (found, leftover) => (leftover ? groups.update(found.id, body, { tenant }) : groups.get(found.id, { tenant })),
    discard: async (found) => void (await orNullIfGone(groups.delete(found.id, { tenant }))),
  };
}

function placeholderBody(state: PartialStateOf<typeof schema>): ApiUpdateGroupRequest {
  if (typeof state.name !== 'string') throw new ResourceError('placeholder without a name', 'The placeholder of this group has no name to look it up by; remove it from the state.');
  return { name: state.name, ...(typeof state.description === 'string' ? { description: state.description } : {}) };
}

function requestBody(plan: PlanOf<typeof schema>): ApiUpdateGroupRequest {
  return { name: plan.name, ...(plan.description !== null ? { description: plan.description } : {}) };
}

function toState(group: ApiGroupDetail, tenant: string): State {
  // An absent description comes back empty or missing; null keeps the plan of an unset description empty.
  return { id: group.id, name: group.name, description: group.description || null, tenant_id: tenant };
}

/** Stored groups of version 0, this provider's or the official one's, whose `tenant_id` is the tenant of the provider that made it. */
function storedGroup(): StateUpgrader<typeof schema, KestraContext> {
  return {
    dropped: {
      namespace:
        'Kestra groups have no namespace: the group API has no such field, so the server never stored the one the official provider sent. To grant a group a role inside a namespace only, set `namespace` on its `kestra_role_binding`.',
    },
    upgrade: (raw, ctx) => ({
      id: rawRequiredString(raw, 'id'),
      name: rawRequiredString(raw, 'name'),
      description: rawString(raw.description),
      tenant_id: storedTenant(raw, ctx),
    }),
  };
}
