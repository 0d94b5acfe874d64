import { ALL_ACTIONS, ALL_PERMISSION_TYPES } from '../../common/kestra-permissions.js';
import type { ApiRoleDetail } from '../client/index.js';
import { useStateForUnknown } from '../framework/plan-modifiers/use-state-for-unknown.js';
import { defineResource } from '../framework/resource.js';
import { computed, defineSchema, optional, optionalComputed, required, type ModelOf } from '../framework/schema.js';
import type { Validator } from '../framework/validator.js';
import { notEmpty } from '../framework/validators/string-validators.js';
import { boolType, mapOf, setOf, stringType } from '../framework/value-types.js';
import type { KestraContext } from '../provider-config.js';
import { createOrAdopt, deleteIfPresent, orNullIfGone, importTenantScoped, planTenant, tenantIdAttribute, tenantOf } from './common.js';

// UNKNOWN is the server's placeholder for values it could not read, never something to grant.
const PERMISSION_TYPES = ALL_PERMISSION_TYPES.filter((t) => t !== 'UNKNOWN');
const ACTIONS = ALL_ACTIONS.filter((a) => a !== 'UNKNOWN');

/** Permission types and actions must come from the Kestra 1.3 or 2.0 vocabulary; typos fail at plan, not at the server. */
const knownPermissions: Validator = {
  description: 'permission types and actions of Kestra 1.3 or 2.0',
  validate({ path, value }, diagnostics) {
    for (const [type, actions] of Object.entries(value as Record<string, readonly string[]>)) {
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
    id: computed(stringType, { description: 'Identifier Kestra gave the role.', planModifiers: [useStateForUnknown()] }),
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

type Model = ModelOf<typeof schema>;

export const roleResource = defineResource<typeof schema, KestraContext>({
  typeName: 'kestra_role',
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
    return toModel(role, tenant);
  },

  async read({ state }, ctx) {
    const tenant = tenantOf(state, ctx);
    const role = await orNullIfGone(ctx.client.api.roles.get(state.id!, { tenant }));
    return role && toModel(role, tenant);
  },

  async update({ plan, state }, ctx) {
    const tenant = tenantOf(state, ctx);
    return toModel(await ctx.client.api.roles.update(state.id!, requestBody(plan), { tenant }), tenant);
  },

  async delete({ state }, ctx) {
    await deleteIfPresent(ctx.client.api.roles.delete(state.id!, { tenant: tenantOf(state, ctx) }));
  },

  importState: importTenantScoped,
});

function requestBody(plan: Model) {
  return {
    name: plan.name,
    ...(plan.description !== null ? { description: plan.description } : {}),
    permissions: plan.permissions,
    isDefault: plan.is_default ?? false,
  };
}

function toModel(role: ApiRoleDetail, tenant: string): Model {
  return {
    id: role.id,
    name: role.name,
    description: role.description || null,
    permissions: role.permissions ?? {},
    is_default: role.isDefault ?? false,
    tenant_id: tenant,
  };
}
