import type { ApiServiceAccountResponse } from '../client/index.js';
import {
  boolType, computed, defineResource, defineSchema, isRawObject, notEmpty, optional, optionalComputed, rawBool, rawList, rawRequiredString, rawString,
  required, setOf, stringType, useStateForUnknown, type PlanOf, type RawValue, type StateOf,
} from '../framework/index.js';
import {
  createOrAdopt, importTenantScoped, kestraName, orNullIfGone, planTenant, serviceAccountTenant, storedTenant, tenantIdAttribute, tenantOf,
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
    'service account, and `terraform apply -replace` of the account then fails with 409. Destroy the account first ' +
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
      description: 'Ids of the groups the service account belongs to. The set is authoritative: memberships not listed are removed. Defaults to no groups.',
      default: [],
    }),
    tenant_id: tenantIdAttribute,
  },
});

type State = StateOf<typeof schema>;

export const serviceAccountResource = defineResource<typeof schema, KestraContext>({
  typeName: 'kestra_service_account',
  displayName: 'service account',
  schema,

  modifyPlan: planTenant,

  async create({ plan }, ctx) {
    const tenant = tenantOf(plan, ctx);
    const body = requestBody(plan);
    const accounts = ctx.client.api.serviceAccounts;
    const created = await createOrAdopt(
      () => accounts.create(body, { tenant }),
      async () => {
        const [existing] = await accounts.findByName(plan.name, { tenant });
        return existing && accounts.update(existing.id, body, { tenant });
      },
    );
    await ensureSuperAdmin(ctx.client, created, plan.super_admin);
    return toState(created, tenant, plan.super_admin);
  },

  read: ({ state }, ctx) => fetchServiceAccount(ctx, state.id, tenantOf(state, ctx)),

  async update({ plan, state }, ctx) {
    const tenant = tenantOf(state, ctx);
    const updated = await ctx.client.api.serviceAccounts.update(state.id, requestBody(plan), { tenant });
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

function requestBody(plan: PlanOf<typeof schema>) {
  return {
    name: plan.name,
    ...(plan.description !== null ? { description: plan.description } : {}),
    superAdmin: plan.super_admin,
    groups: plan.groups.map((id) => ({ id })),
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
