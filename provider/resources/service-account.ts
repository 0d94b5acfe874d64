import type { ApiServiceAccountRequest, ApiServiceAccountResponse, ApiUserTenantAccess } from '../client/index.js';
import {
  boolType, computed, defineResource, defineSchema, isRawObject, notEmpty, optional, optionalComputed, rawBool, rawList, rawRequiredString, rawString,
  required, ResourceError, setOf, stringType, useStateForUnknown, type PartialStateOf, type PlanOf, type RawValue, type StateOf,
} from '../framework/index.js';
import {
  createObject, importTenantScoped, kestraName, objectKey, orNullIfGone, placeholderSink, planTenant, serviceAccountTenant, settlePlaceholder,
  storedTenant, tenantIdAttribute, tenantOf, withMemberships, type CreateTarget, type PendingCreate,
} from '../kestra/index.js';
import type { KestraContext } from '../provider-config.js';

const schema = defineSchema({
  // Version 1 only so that Terraform hands over a version-0 state whole: official states (groups as `{ id }`
  // objects) and this provider's own version-0 states both go through the upgrader, which tells them apart.
  version: 1,
  description:
    'A Kestra service account: a machine identity with no password and no UI access that authenticates with API tokens. ' +
    'Give it permissions with `kestra_role_binding` and credentials with `kestra_api_token`. Names are unique in the instance, so a ' +
    'replacement cannot be created before the account it replaces is deleted: a token\'s `create_before_destroy` extends to its ' +
    'service account, and `terraform apply -replace` of the account then fails on the taken name. Destroy the account first ' +
    '(`terraform destroy -target=<address>`, which also destroys its tokens and bindings), then apply.',
  attributes: {
    id: computed(stringType, { description: 'Identifier Kestra gave the service account.', nullable: false, planModifiers: [useStateForUnknown()] }),
    name: required(stringType, { description: 'Name of the service account, unique in the instance.', validators: [kestraName] }),
    description: optional(stringType, { description: 'Free-text description.', validators: [notEmpty()] }),
    super_admin: optionalComputed(boolType, {
      description: 'Whether the service account is a superadmin of the whole instance. Defaults to `false`.',
      default: false,
    }),
    groups: optionalComputed(setOf(stringType), {
      description:
        'Ids of the groups of its tenant the service account belongs to. When set, the set is authoritative: memberships not listed are removed ' +
        '(`[]` removes them all). When unset, the memberships are not managed here: they are read back (so `kestra_group_member` can add ' +
        'them) and no plan changes them.',
    }),
    tenant_id: tenantIdAttribute,
  },
});

type State = StateOf<typeof schema>;

export const serviceAccountResource = defineResource<typeof schema, KestraContext, { pending_create: PendingCreate }>({
  typeName: 'kestra_service_account',
  displayName: 'service account',
  schema,

  modifyPlan: planTenant,

  async create({ plan }, ctx) {
    const tenant = tenantOf(plan, ctx);
    const { id: _unknown, ...placeholder } = plan;
    return createObject(ctx.client.creates, createTarget(ctx, tenant, requestBody(plan)), placeholderSink(ctx, placeholder), async (created) => {
      // The account exists from here on: if the superadmin call fails, Terraform keeps it (tainted), not an orphan.
      ctx.recordPartialState(toState(created, tenant, created.superAdmin ?? false));
      await ensureSuperAdmin(ctx.client, created, plan.super_admin);
      return toState(created, tenant, plan.super_admin);
    });
  },

  async resolvePlaceholder({ state }, ctx) {
    const tenant = tenantOf({ tenant_id: state.tenant_id ?? null }, ctx);
    const found = await settlePlaceholder(ctx.client.creates, createTarget(ctx, tenant, placeholderBody(state)), ctx.private.pending_create);
    return found && fetchServiceAccount(ctx, found.id, tenant);
  },

  read: ({ state }, ctx) => fetchServiceAccount(ctx, state.id, tenantOf(state, ctx)),

  async update({ plan, state, config }, ctx) {
    const tenant = tenantOf(state, ctx);
    const accounts = ctx.client.api.serviceAccounts;
    // The tenant PUT replaces every group of the account: unmanaged groups are sent back as they are now, with no
    // membership write of this run in between (withMemberships).
    const updated = await withMemberships(ctx.client, tenant, state.id, async () => {
      const groups = config.groups ?? ((await accounts.get(state.id, { tenant })).groups ?? []).map((g) => g.id);
      return accounts.update(state.id, requestBody({ ...plan, groups }), { tenant });
    });
    await ensureSuperAdmin(ctx.client, updated, plan.super_admin);
    return toState(updated, tenant, plan.super_admin);
  },

  async delete({ state }, ctx) {
    await orNullIfGone(ctx.client.api.serviceAccounts.delete(state.id, { tenant: tenantOf(state, ctx) }));
  },

  // A bare id finds the account in whichever tenant it is (names and ids are instance-wide).
  importState: importTenantScoped(fetchServiceAccount, serviceAccountTenant),

  stateUpgraders: {
    0: {
      upgrade: (raw, ctx) => ({
        id: rawRequiredString(raw, 'id'),
        name: rawRequiredString(raw, 'name'),
        description: rawString(raw.description),
        super_admin: rawBool(raw.super_admin, false),
        groups: storedGroupIds(raw.groups),
        tenant_id: storedTenant(raw, ctx),
      }),
    },
  },
});

/** Group ids as this provider stores them (strings) or as the official provider does (`{ id }` objects). */
function storedGroupIds(groups: RawValue | undefined): string[] {
  const ids = rawList(groups).map((group) => (isRawObject(group) ? rawString(group.id) : rawString(group)));
  return [...new Set(ids.filter((id) => id !== null))];
}

async function fetchServiceAccount(ctx: { readonly client: KestraContext }, id: string, tenant: string): Promise<State | null> {
  const found = await orNullIfGone(ctx.client.api.serviceAccounts.get(id, { tenant }));
  return found && toState(found, tenant, found.superAdmin ?? false);
}

/** The create protocol's view of a service account: names are unique in the instance, so a second create is refused, never a duplicate. */
function createTarget(
  ctx: { readonly client: KestraContext },
  tenant: string,
  body: ApiServiceAccountRequest,
): CreateTarget<ApiServiceAccountResponse, ApiUserTenantAccess> {
  const accounts = ctx.client.api.serviceAccounts;
  const groups = new Set((body.groups ?? []).map((g) => g.id));
  return {
    what: `service account ${JSON.stringify(body.name)}`,
    key: objectKey(ctx.client.api.endpoint, tenant, 'service-account', body.name),
    unique: true,
    create: () => accounts.create(body, { tenant }),
    find: () => accounts.findByName(body.name, { tenant }),
    sentBy: (found) =>
      (found.description || '') === (body.description ?? '') && (found.groups ?? []).length === groups.size && (found.groups ?? []).every((g) => groups.has(g.id)),
    adopt: (found, leftover) => (leftover ? accounts.update(found.id, body, { tenant }) : accounts.get(found.id, { tenant })),
    discard: async (found) => void (await orNullIfGone(accounts.delete(found.id, { tenant }))),
  };
}

/** What the create that left this placeholder sent, rebuilt from the placeholder. */
function placeholderBody(state: PartialStateOf<typeof schema>): ApiServiceAccountRequest {
  if (typeof state.name !== 'string') throw new ResourceError('placeholder without a name', 'The placeholder of this service account has no name to look it up by; remove it from the state.');
  return {
    name: state.name,
    ...(typeof state.description === 'string' ? { description: state.description } : {}),
    superAdmin: state.super_admin ?? false,
    groups: (state.groups ?? []).map((id) => ({ id })),
  };
}

function requestBody(plan: PlanOf<typeof schema>): ApiServiceAccountRequest {
  return {
    name: plan.name,
    ...(plan.description !== null ? { description: plan.description } : {}),
    superAdmin: plan.super_admin,
    groups: (plan.groups ?? []).map((id) => ({ id })),
  };
}

/** The superadmin flag has its own instance-level endpoint; the official provider never calls it, so changes were lost. */
async function ensureSuperAdmin(client: KestraContext, account: ApiServiceAccountResponse, wanted: boolean): Promise<void> {
  if ((account.superAdmin ?? false) !== wanted) await client.api.serviceAccounts.setSuperAdmin(account.id, wanted);
}

function toState(account: ApiServiceAccountResponse, tenant: string, superAdmin: boolean): State {
  return {
    id: account.id,
    name: account.name,
    // Kestra stores an absent description as empty text; null keeps the plan of an unset description empty.
    description: account.description || null,
    super_admin: superAdmin,
    groups: (account.groups ?? []).map((g) => g.id),
    tenant_id: tenant,
  };
}
