import { ALL_ACTIONS, ALL_PERMISSION_TYPES } from '../../common/kestra-permissions.js';
import type { ApiRoleDetail } from '../client/index.js';
import {
  boolType, computed, defineResource, defineSchema, isRawObject, mapOf, notEmpty, optional, optionalComputed, rawBool, rawList, rawRequiredString, rawString,
  required, setOf, stringType, useStateForUnknown, type PlanOf, type RawState, type RawValue, type StateOf, type StateUpgrader, type Validator,
} from '../framework/index.js';
import { createOrAdopt, importTenantScoped, orNullIfGone, planTenant, storedTenant, tenantIdAttribute, tenantOf } from '../kestra/index.js';
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
  // Version 2 only so that Terraform hands over versions 0 and 1 whole: the official provider stores roles at
  // version 0 (Kestra 1.x `permissions` blocks) and 1 (Kestra 2.0 `resources` blocks); version 0 is this
  // provider's own shape too. One upgrader tells the three apart.
  version: 2,
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

/** Stored roles of every shape this provider or the official one wrote, as the current state. */
const storedRole: StateUpgrader<typeof schema, KestraContext> = {
  reads: ['resources'],
  dropped: {
    namespace:
      'Kestra roles have no namespace (the API never stored one, whatever the official provider sent). To grant a role inside a namespace only, set `namespace` on its `kestra_role_binding`.',
  },
  upgrade: (raw, ctx) => ({
    id: rawRequiredString(raw, 'id'),
    name: rawRequiredString(raw, 'name'),
    description: rawString(raw.description),
    permissions: storedPermissions(raw),
    is_default: rawBool(raw.is_default, false),
    tenant_id: storedTenant(raw, ctx),
  }),
};

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

  stateUpgraders: { 0: storedRole, 1: storedRole },
});

/**
 * The permission map from a stored state: this provider's map, or the official provider's blocks, Kestra 1.x
 * `permissions { type, permissions }` or Kestra 2.0 `resources { type, actions }`. Actions are kept as stored
 * (their vocabulary is the server's), merged when blocks repeat a type.
 */
function storedPermissions(raw: RawState): Record<string, string[]> {
  const merged = new Map<string, Set<string>>();
  const grant = (type: string | null, actions: RawValue | undefined) => {
    if (type === null) return;
    const set = merged.get(type) ?? new Set<string>();
    for (const action of rawList(actions)) if (typeof action === 'string') set.add(action);
    merged.set(type, set);
  };
  const { permissions } = raw;
  if (isRawObject(permissions)) for (const [type, actions] of Object.entries(permissions)) grant(type, actions);
  for (const block of rawList(permissions)) if (isRawObject(block)) grant(rawString(block.type), block.permissions);
  for (const block of rawList(raw.resources)) if (isRawObject(block)) grant(rawString(block.type), block.actions);
  return Object.fromEntries([...merged].map(([type, actions]) => [type, [...actions]]));
}

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
