import type { ApiTenant } from '../client/index.js';
import {
  boolType, defineResource, defineSchema, isRawObject, nestedSingle, oneOf, optional, optionalComputed, rawBool, rawList, rawRequiredString, rawString,
  required, requiresReplace, ResourceError, setOf, stringType, type PartialStateOf, type RawState, type RawValue, type StateOf, type StateUpgrader,
} from '../framework/index.js';
import {
  createObject, deniedServices, jsonObject, jsonObjectType, nonBlank, objectKey, orNullIfGone, placeholderSink, settlePlaceholder, tenantBody, tenantId, tenantSettings,
  WORKER_GROUP_FALLBACKS, type CreateTarget, type PendingCreate, type TenantSettings,
} from '../kestra/index.js';
import type { KestraContext } from '../provider-config.js';

const isolation = (what: string) =>
  optional(
    nestedSingle({
      enabled: optionalComputed(boolType, { description: `Whether the ${what} isolation is on. Defaults to \`true\`.`, default: true }),
      denied_services: optionalComputed(setOf(stringType), {
        description: `Kestra services denied access to the tenant's ${what}: \`EXECUTOR\`, \`INDEXER\`, \`SCHEDULER\`, \`WEBSERVER\`, \`WORKER\` (and \`CONTROLLER\` from 2.0). Defaults to none.`,
        default: [],
        validators: [deniedServices],
      }),
    }),
    { description: `Isolation of the tenant's ${what} from some Kestra services. Unset: none.` },
  );

const schema = defineSchema({
  // Version 1 only so that Terraform hands over a version-0 state whole: the official provider's (kestra-io/kestra
  // v1.3.2: the id also in `tenant_id`, blocks as lists of one, configurations as maps) goes through the upgrader,
  // which also reads this provider's own version 0.
  version: 1,
  description:
    'A Kestra tenant and the settings a platform team gives it. Instance-level: the provider must be authenticated as a superadmin. ' +
    'Every argument is read back and repaired when changed outside Terraform; settings this resource does not model (the app catalog, ' +
    'logos, the SDK authentication) are kept as they are on every update. Deleting a tenant deletes its roles, groups and bindings, ' +
    'and everyone\'s access to it.',
  attributes: {
    id: required(stringType, {
      description: 'Id of the tenant, also its import id: lowercase letters, digits, `_` and `-`. Changing it replaces the tenant.',
      validators: [tenantId],
      planModifiers: [requiresReplace()],
    }),
    name: required(stringType, { description: 'Display name of the tenant.', validators: [nonBlank] }),
    worker_group: optional(
      nestedSingle({
        key: required(stringType, { description: 'Key of the worker group that runs the tenant\'s tasks.', validators: [nonBlank] }),
        fallback: required(stringType, {
          description: 'What a task does when no worker of the group is up: `FAIL`, `WAIT` or `CANCEL`.',
          validators: [oneOf(WORKER_GROUP_FALLBACKS)],
        }),
      }),
      { description: 'Worker group the tenant\'s tasks run on by default (Kestra 1.x `workerGroup`). Unset: any worker.' },
    ),
    storage_isolation: isolation('storage'),
    secret_isolation: isolation('secrets'),
    storage_type: optional(stringType, { description: 'Internal storage type of the tenant (for example `s3`); unset: the instance\'s.', validators: [nonBlank] }),
    storage_configuration: optional(jsonObjectType, {
      description:
        'Configuration of the tenant\'s storage (bucket, region, keys…) as a JSON object, for example `jsonencode({ bucket = "flows" })`; ' +
        'the same object written differently is no change. Sensitive: it often holds credentials.',
      sensitive: true,
      validators: [jsonObject],
    }),
    secret_type: optional(stringType, { description: 'Secret manager type of the tenant (for example `vault`); unset: the instance\'s.', validators: [nonBlank] }),
    secret_read_only: optionalComputed(boolType, { description: 'Whether the tenant\'s secret manager is read-only. Defaults to `false`.', default: false }),
    secret_configuration: optional(jsonObjectType, {
      description:
        'Configuration of the tenant\'s secret manager (address, token…) as a JSON object, written with `jsonencode`. Sensitive: it often holds credentials.',
      sensitive: true,
      validators: [jsonObject],
    }),
    require_existing_namespace: optionalComputed(boolType, {
      description: 'Whether flows may only be created in namespaces that exist already. Defaults to `false`.',
      default: false,
    }),
    outputs_in_internal_storage: optionalComputed(boolType, {
      description: 'Whether task outputs are kept in internal storage instead of the database. Defaults to `false`.',
      default: false,
    }),
  },
});

type State = StateOf<typeof schema>;

export const tenantResource = defineResource<typeof schema, KestraContext, { pending_create: PendingCreate }>({
  typeName: 'kestra_tenant',
  displayName: 'tenant',
  schema,

  async create({ plan }, ctx) {
    return createObject(ctx.client.creates, createTarget(ctx, tenantBody(plan)), placeholderSink(ctx, plan), async (created) => toState(created));
  },

  async resolvePlaceholder({ state }, ctx) {
    const found = await settlePlaceholder(ctx.client.creates, createTarget(ctx, tenantBody(placeholderSettings(state))), ctx.private.pending_create);
    return found && toState(found);
  },

  read: ({ state }, ctx) => fetchTenant(ctx, state.id),

  async update({ plan, state }, ctx) {
    const current = await ctx.client.api.tenants.get(state.id);
    return toState(await ctx.client.api.tenants.update(state.id, tenantBody(plan, current)));
  },

  async delete({ state }, ctx) {
    await orNullIfGone(ctx.client.api.tenants.delete(state.id));
  },

  importState: ({ id }, ctx) => fetchTenant(ctx, id),

  stateUpgraders: { 0: storedTenantSettings() },
});

async function fetchTenant(ctx: { readonly client: KestraContext }, id: string): Promise<State | null> {
  const tenant = await orNullIfGone(ctx.client.api.tenants.get(id));
  return tenant && !tenant.deleted ? toState(tenant) : null;
}

/** Tenant ids are unique: a second create is refused, so an existing tenant is never taken over. */
function createTarget(ctx: { readonly client: KestraContext }, body: ApiTenant): CreateTarget<ApiTenant, ApiTenant> {
  const tenants = ctx.client.api.tenants;
  return {
    what: `tenant ${JSON.stringify(body.id)}`,
    key: objectKey(ctx.client.api.endpoint, 'tenant', body.id),
    unique: true,
    create: () => tenants.create(body),
    find: async () => {
      const found = await orNullIfGone(tenants.get(body.id));
      return found && !found.deleted ? [found] : [];
    },
    sentBy: (found) => found.name === body.name,
    adopt: (found, leftover) => (leftover ? tenants.update(found.id, tenantBody(tenantSettings(body), found)) : tenants.get(found.id)),
    discard: async (found) => void (await orNullIfGone(tenants.delete(found.id))),
  };
}

/** What the create that left this placeholder sent, rebuilt from the placeholder. */
function placeholderSettings(state: PartialStateOf<typeof schema>): TenantSettings {
  const { id, name } = state;
  if (typeof id !== 'string' || typeof name !== 'string') {
    throw new ResourceError('placeholder without an id', 'The placeholder of this tenant has no id to look it up by; remove it from the state.');
  }
  return {
    id,
    name,
    worker_group: state.worker_group ?? null,
    storage_isolation: state.storage_isolation ?? null,
    secret_isolation: state.secret_isolation ?? null,
    storage_type: state.storage_type ?? null,
    storage_configuration: state.storage_configuration ?? null,
    secret_type: state.secret_type ?? null,
    secret_read_only: state.secret_read_only ?? false,
    secret_configuration: state.secret_configuration ?? null,
    require_existing_namespace: state.require_existing_namespace ?? false,
    outputs_in_internal_storage: state.outputs_in_internal_storage ?? false,
  };
}

function toState(tenant: ApiTenant): State {
  return tenantSettings(tenant);
}

/** Stored tenants of version 0, this provider's or the official one's, told apart value by value. */
function storedTenantSettings(): StateUpgrader<typeof schema, KestraContext> {
  return {
    reads: ['tenant_id'],
    upgrade: (raw) => ({
      id: rawString(raw.id) ?? rawRequiredString(raw, 'tenant_id'),
      // The official name is optional: a tenant made without one keeps its empty name until the configuration sets one.
      name: typeof raw.name === 'string' ? raw.name : '',
      worker_group: storedWorkerGroup(singleBlock(raw.worker_group)),
      storage_isolation: storedIsolation(singleBlock(raw.storage_isolation)),
      secret_isolation: storedIsolation(singleBlock(raw.secret_isolation)),
      storage_type: rawString(raw.storage_type),
      storage_configuration: storedConfiguration(raw.storage_configuration),
      secret_type: rawString(raw.secret_type),
      secret_read_only: rawBool(raw.secret_read_only, false),
      secret_configuration: storedConfiguration(raw.secret_configuration),
      require_existing_namespace: rawBool(raw.require_existing_namespace, false),
      outputs_in_internal_storage: rawBool(raw.outputs_in_internal_storage, false),
    }),
  };
}

/** A block of at most one: the official provider stores it as a list of none or one, this provider as the object or null. */
function singleBlock(value: RawValue | undefined): RawState | null {
  const block = Array.isArray(value) ? value[0] : value;
  return isRawObject(block) ? block : null;
}

function storedWorkerGroup(block: RawState | null): State['worker_group'] {
  const key = block && rawString(block.key);
  return key ? { key, fallback: rawString(block.fallback) ?? 'FAIL' } : null;
}

function storedIsolation(block: RawState | null): State['storage_isolation'] {
  if (!block) return null;
  const services = rawList(block.denied_services).map(rawString);
  return { enabled: rawBool(block.enabled, false), denied_services: [...new Set(services.filter((s) => s !== null))] };
}

/** A configuration as JSON text: this provider stores the text, the official one a map of strings (none when empty). */
function storedConfiguration(value: RawValue | undefined): string | null {
  if (typeof value === 'string') return rawString(value);
  return isRawObject(value) && Object.keys(value).length > 0 ? JSON.stringify(value) : null;
}
