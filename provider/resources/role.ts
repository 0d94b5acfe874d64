import { ALL_ACTIONS, ALL_PERMISSION_TYPES } from '../../common/kestra-permissions.js';
import type { ApiRoleCreateOrUpdateRequest, ApiRoleDetail, ApiRoleSummary } from '../client/index.js';
import {
  AttributePath, boolType, computed, defineResource, defineSchema, isKnown, isRawObject, mapOf, notEmpty, optional, optionalComputed, rawBool, rawList,
  rawRequiredString, rawString, required, ResourceError, setOf, stringType, useStateForUnknown, type ModifyPlanRequest, type PartialStateOf, type PlanOf,
  type RawState, type RawValue, type StateOf, type StateUpgrader, type Validator,
} from '../framework/index.js';
import {
  createObject, importTenantScoped, nonBlank, objectKey, orNullIfGone, placeholderSink, planTenant, serverLine, settlePlaceholder, storedTenant,
  tenantIdAttribute, tenantOf, type CreateTarget, type PendingCreate,
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
  // Version 2 only so that Terraform hands over versions 0 and 1 whole: the official provider stores roles at
  // version 0 (Kestra 1.x `permissions` blocks) and 1 (Kestra 2.0 `resources` blocks); version 0 is this
  // provider's own shape too. One upgrader tells the three apart.
  version: 2,
  description: 'A Kestra role: a named set of permissions, granted to service accounts, users or groups with `kestra_role_binding`.',
  attributes: {
    id: computed(stringType, { description: 'Identifier Kestra gave the role.', nullable: false, planModifiers: [useStateForUnknown()] }),
    name: required(stringType, { description: 'Name of the role; not blank.', validators: [nonBlank] }),
    description: optional(stringType, { description: 'Free-text description.', validators: [notEmpty()] }),
    permissions: required(mapOf(setOf(stringType)), {
      description:
        'Actions granted per permission type, for example `{ FLOW = ["READ", "UPDATE"], EXECUTION = ["READ"] }` on Kestra 1.x ' +
        'or `{ FLOW = ["VIEW", "LIST", "EXECUTE"] }` on Kestra 2.0. Actions are a set: their order never shows a diff. `validate` accepts ' +
        'either vocabulary; `plan` accepts only that of the server\'s version.',
      validators: [knownPermissions],
    }),
    is_default: optionalComputed(boolType, {
      description:
        'Whether new users get this role by default. Kestra keeps one default role per tenant: a plan with two roles of one tenant ' +
        'marked default fails, and a plan that makes this role the default while another one is warns. Defaults to `false`.',
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

export const roleResource = defineResource<typeof schema, KestraContext, { pending_create: PendingCreate }>({
  typeName: 'kestra_role',
  displayName: 'role',
  schema,

  async modifyPlan(req) {
    planTenant(req);
    if (!req.client) return;
    await onlyOneDefaultRole(req, req.client);
    await actionsOfTheServer(req, req.client);
  },

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

type RolePlan = ModifyPlanRequest<typeof schema, KestraContext, Record<never, never>>;

/**
 * Kestra keeps one default role per tenant, the last one written: two roles of one configuration both marked
 * default would undo each other on every apply, so the second one planned fails. A role that takes the default
 * from another one on the server is warned about (two configurations doing so undo each other too).
 */
async function onlyOneDefaultRole(req: RolePlan, client: KestraContext): Promise<void> {
  const { plan, config, state } = req;
  if (plan.is_default !== true || typeof plan.tenant_id !== 'string' || !isKnown(config.name)) return;
  const tenant = plan.tenant_id;
  const fingerprint = JSON.stringify([config.name, config.description, config.permissions]);
  const other = client.plannedDefaultRoles.get(tenant);
  if (other === undefined) client.plannedDefaultRoles.set(tenant, { name: config.name, fingerprint });
  else if (other.fingerprint !== fingerprint) {
    req.diagnostics.addAttributeError(
      AttributePath.root('is_default'),
      'Two default roles in one tenant',
      `The roles "${other.name}" and "${config.name}" both set is_default = true in tenant ${tenant}. Kestra keeps one default role per tenant ` +
        '(the last one written), so each apply would take the default from the other and the next plan would show it again. Set is_default = true on one role only.',
    );
    return;
  }
  const current = await client.api.roles.findDefault({ tenant });
  if (current !== undefined && current.id !== state?.id) {
    req.diagnostics.addAttributeWarning(
      AttributePath.root('is_default'),
      'Another role is the default',
      `The role "${current.name}" (${current.id}) is the default role of tenant ${tenant} now. Kestra keeps one default role per tenant: applying makes ` +
        `"${config.name}" the default and "${current.name}" stops being it. If another configuration manages "${current.name}" as the default, the two undo each other on every apply.`,
    );
  }
}

/** Roles must use the vocabulary of the server's line (1.3: READ/CREATE/…; 2.0: VIEW/LIST/…), known from its version. */
async function actionsOfTheServer(req: RolePlan, client: KestraContext): Promise<void> {
  const permissions = req.config.permissions;
  if (!isKnown(permissions)) return;
  const server = await serverLine(client);
  if (server === undefined) return;
  const { permissionTypes, actions } = server.vocabulary;
  const other = server.line === '1.3' ? '2.0' : '1.3';
  for (const [type, granted] of Object.entries(permissions)) {
    const path = AttributePath.root('permissions').atMapKey(type);
    if (!permissionTypes.includes(type)) {
      req.diagnostics.addAttributeError(
        path,
        `Permission type ${type} does not exist on Kestra ${server.line}`,
        `The server runs Kestra ${server.release}, whose permission types are: ${usable(permissionTypes).join(', ')}. ${type} belongs to Kestra ${other}.`,
      );
      continue;
    }
    const refused = granted.filter((action) => !actions.includes(action));
    if (refused.length > 0) {
      req.diagnostics.addAttributeError(
        path,
        `Actions of Kestra ${other} on a Kestra ${server.line} server`,
        `The server runs Kestra ${server.release}, whose roles accept the actions ${usable(actions).join(', ')}; ${refused.join(', ')} ${refused.length > 1 ? 'are' : 'is'} not among them (Kestra ${other} actions).`,
      );
    }
  }
}

const usable = (names: readonly string[]) => names.filter((n) => n !== 'UNKNOWN');

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
