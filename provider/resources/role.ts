import { ALL_ACTIONS, ALL_PERMISSION_TYPES } from '../../common/kestra-permissions.js';
import type { ApiRoleDetail } from '../client/index.js';
import {
  boolType, computed, defineResource, defineSchema, mapOf, notEmpty, optional, optionalComputed, required, setOf, stringType, useStateForUnknown,
  type PlanOf, type StateOf, type Validator,
} from '../framework/index.js';
import { createOrAdopt, importTenantScoped, orNullIfGone, planTenant, tenantIdAttribute, tenantOf } from '../kestra/index.js';
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

export const roleResource = defineResource<typeof schema, KestraContext>({
  typeName: 'kestra_role',
  displayName: 'role',
  schema,

  modifyPlan: planTenant,

  async create({ plan }, ctx) {
    const tenant = tenantOf(plan, ctx);
    const roles = ctx.client.api.roles;
    // Role names may repeat: only a role that appears during this create can be the one it made.
    const before = new Set((await roles.findByName(plan.name, { tenant })).map((r) => r.id));
    const role = await createOrAdopt(
      () => roles.create(requestBody(plan), { tenant }),
      async () => {
        const made = (await roles.findByName(plan.name, { tenant })).find((r) => !before.has(r.id));
        return made && roles.update(made.id, requestBody(plan), { tenant });
      },
    );
    return toState(role, tenant);
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

function requestBody(plan: PlanOf<typeof schema>) {
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
