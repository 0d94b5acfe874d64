import { ALL_ACTIONS, ALL_PERMISSION_TYPES } from '../../common/kestra-permissions.js';
import type { ApiRoleCreateOrUpdateRequest, ApiRoleDetail, ApiRoleSummary } from '../client/index.js';
import {
  boolType, computed, defineResource, defineSchema, mapOf, notEmpty, optional, optionalComputed, required, ResourceError, setOf, stringType,
  useStateForUnknown, type PartialStateOf, type PlanOf, type StateOf, type Validator,
} from '../framework/index.js';
import {
  createObject, importTenantScoped, objectKey, orNullIfGone, placeholderSink, planTenant, settlePlaceholder, tenantIdAttribute, tenantOf,
  type CreateTarget, type PendingCreate,
} from '../kestra/index.js';
import type { KestraContext } from '../provider-config.js';

// UNKNOWN is the server's placeholder for values it could not read, never something to grant.
const PERMISSION_TYPES = ALL_PERMISSION_TYPES.filter((t) => t !== 'UNKNOWN');
const ACTIONS = ALL_ACTIONS.filter((a) => a !== 'UNKNOWN');

/** Permission types and actions must come from the Kestra 1.3 or 2.0 vocabulary; typos fail at plan, not at the server. */
const knownPermissions: Validator<Record<string, string[]>> = {
  description: 'permission types and actions of Kestra 1.3 or 2.0',
  validate({ path, value }, diagnostics) {
    for (const [type, actions] of Object.entries(value)) {
      const typePath = path.atMapKey(type);
      if (!PERMISSION_TYPES.includes(type)) {
        diagnostics.addAttributeError(typePath, `Unknown permission type ${JSON.stringify(type)}`, `Permission types are: ${PERMISSION_TYPES.join(', ')}.`);
      }
      if (actions.length === 0) diagnostics.addAttributeError(typePath, `No actions for ${type}`, 'Grant at least one action, or remove the permission type.');
      for (const action of actions) {
        if (!ACTIONS.includes(action)) {
          diagnostics.addAttributeError(
            typePath,
            `Unknown action ${JSON.stringify(action)} for ${type}`,
            `Actions are READ, CREATE, UPDATE, DELETE (Kestra 1.x) or, on Kestra 2.0: ${ACTIONS.filter((a) => !['READ'].includes(a)).join(', ')}.`,
          );
        }
      }
    }
  },
};

const schema = defineSchema({
  description: 'A Kestra role: a named set of permissions, granted to service accounts, users or groups with `kestra_role_binding`.',
  attributes: {
    id: computed(stringType, { description: 'Identifier Kestra gave the role.', nullable: false, planModifiers: [useStateForUnknown()] }),
    name: required(stringType, { description: 'Name of the role.', validators: [notEmpty()] }),
    description: optional(stringType, { description: 'Free-text description.', validators: [notEmpty()] }),
    permissions: required(mapOf(setOf(stringType)), {
      description:
        'Actions granted per permission type, for example `{ FLOW = ["READ", "UPDATE"], EXECUTION = ["READ"] }` on Kestra 1.x ' +
        'or `{ FLOW = ["VIEW", "LIST", "EXECUTE"] }` on Kestra 2.0. Actions are a set: their order never shows a diff.',
      validators: [knownPermissions],
    }),
    is_default: optionalComputed(boolType, {
      description: 'Whether new users get this role by default. Only one role of a tenant can be the default. Defaults to `false`.',
      default: false,
    }),
    tenant_id: tenantIdAttribute,
  },
});

type State = StateOf<typeof schema>;

export const roleResource = defineResource<typeof schema, KestraContext, { pending_create: PendingCreate }>({
  typeName: 'kestra_role',
  displayName: 'role',
  schema,

  modifyPlan: planTenant,

  async create({ plan }, ctx) {
    const tenant = tenantOf(plan, ctx);
    const { id: _unknown, ...placeholder } = plan;
    return createObject(ctx.client.creates, createTarget(ctx, tenant, requestBody(plan)), placeholderSink(ctx, placeholder), async (role) => toState(role, tenant));
  },

  async resolvePlaceholder({ state }, ctx) {
    const tenant = tenantOf({ tenant_id: state.tenant_id ?? null }, ctx);
    const found = await settlePlaceholder(ctx.client.creates, createTarget(ctx, tenant, placeholderBody(state)), ctx.private.pending_create);
    return found && fetchRole(ctx, found.id, tenant);
  },

  read: ({ state }, ctx) => fetchRole(ctx, state.id, tenantOf(state, ctx)),

  async update({ plan, state }, ctx) {
    const tenant = tenantOf(state, ctx);
    return toState(await ctx.client.api.roles.update(state.id, requestBody(plan), { tenant }), tenant);
  },

  async delete({ state }, ctx) {
    await orNullIfGone(ctx.client.api.roles.delete(state.id, { tenant: tenantOf(state, ctx) }));
  },

  importState: importTenantScoped(fetchRole),
});

async function fetchRole(ctx: { readonly client: KestraContext }, id: string, tenant: string): Promise<State | null> {
  const role = await orNullIfGone(ctx.client.api.roles.get(id, { tenant }));
  return role && toState(role, tenant);
}

/** The create protocol's view of a role: names may repeat, so only a role that appears during the create, with what it sent, is its own. */
function createTarget(ctx: { readonly client: KestraContext }, tenant: string, body: ApiRoleCreateOrUpdateRequest): CreateTarget<ApiRoleDetail, ApiRoleSummary> {
  const roles = ctx.client.api.roles;
  return {
    what: `role ${JSON.stringify(body.name)}`,
    key: objectKey(ctx.client.api.endpoint, tenant, 'role', body.name),
    create: () => roles.create(body, { tenant }),
    find: () => roles.findByName(body.name, { tenant }),
    sentBy: async (found) => sameRole(await roles.get(found.id, { tenant }), body),
    adopt: (found, leftover) => (leftover ? roles.update(found.id, body, { tenant }) : roles.get(found.id, { tenant })),
    discard: async (found) => void (await orNullIfGone(roles.delete(found.id, { tenant }))),
  };
}

/** Whether the server's role holds what was sent; actions compare as sets, as the schema has them. */
function sameRole(role: ApiRoleDetail, body: ApiRoleCreateOrUpdateRequest): boolean {
  const sent = Object.entries(body.permissions);
  const held = role.permissions ?? {};
  return (
    (role.description || '') === (body.description ?? '') &&
    (role.isDefault ?? false) === (body.isDefault ?? false) &&
    Object.keys(held).length === sent.length &&
    sent.every(([type, actions]) => {
      const have = new Set(held[type] ?? []);
      return actions.every((a) => have.has(a)) && have.size === new Set(actions).size;
    })
  );
}

/** What the create that left this placeholder sent, rebuilt from the placeholder. */
function placeholderBody(state: PartialStateOf<typeof schema>): ApiRoleCreateOrUpdateRequest {
  if (typeof state.name !== 'string') throw new ResourceError('placeholder without a name', 'The placeholder of this role has no name to look it up by; remove it from the state.');
  return {
    name: state.name,
    ...(typeof state.description === 'string' ? { description: state.description } : {}),
    permissions: state.permissions ?? {},
    isDefault: state.is_default ?? false,
  };
}

function requestBody(plan: PlanOf<typeof schema>): ApiRoleCreateOrUpdateRequest {
  return {
    name: plan.name,
    ...(plan.description !== null ? { description: plan.description } : {}),
    permissions: plan.permissions,
    isDefault: plan.is_default,
  };
}

function toState(role: ApiRoleDetail, tenant: string): State {
  return {
    id: role.id,
    name: role.name,
    description: role.description || null,
    permissions: role.permissions ?? {},
    is_default: role.isDefault ?? false,
    tenant_id: tenant,
  };
}
