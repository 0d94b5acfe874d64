import { boolType, computed, defineDataSource, defineSchema, nestedSingle, required, setOf, stringType } from '../framework/index.js';
import { tenantId, tenantSettings } from '../kestra/index.js';
import type { KestraContext } from '../provider-config.js';

const isolation = (what: string) =>
  computed(
    nestedSingle({
      enabled: computed(boolType, { description: `Whether the ${what} isolation is on.` }),
      denied_services: computed(setOf(stringType), { description: `Kestra services denied access to the tenant's ${what}.` }),
    }),
    { description: `Isolation of the tenant's ${what}; null when the tenant sets none.` },
  );

const schema = defineSchema({
  description: 'Looks up a Kestra tenant and its settings by id. Instance-level: the provider must be authenticated as a superadmin.',
  attributes: {
    id: required(stringType, { description: 'Id of the tenant.', validators: [tenantId] }),
    name: computed(stringType, { description: 'Display name of the tenant.' }),
    worker_group: computed(
      nestedSingle({
        key: computed(stringType, { description: 'Key of the worker group.' }),
        fallback: computed(stringType, { description: 'What a task does when no worker of the group is up: `FAIL`, `WAIT` or `CANCEL`.' }),
      }),
      { description: 'Worker group the tenant\'s tasks run on by default; null when none.' },
    ),
    storage_isolation: isolation('storage'),
    secret_isolation: isolation('secrets'),
    storage_type: computed(stringType, { description: 'Internal storage type of the tenant; null when the instance\'s.' }),
    storage_configuration: computed(stringType, { description: 'Configuration of the tenant\'s storage, as JSON text (`jsondecode` it).', sensitive: true }),
    secret_type: computed(stringType, { description: 'Secret manager type of the tenant; null when the instance\'s.' }),
    secret_read_only: computed(boolType, { description: 'Whether the tenant\'s secret manager is read-only.' }),
    secret_configuration: computed(stringType, { description: 'Configuration of the tenant\'s secret manager, as JSON text (`jsondecode` it).', sensitive: true }),
    require_existing_namespace: computed(boolType, { description: 'Whether flows may only be created in namespaces that exist already.' }),
    outputs_in_internal_storage: computed(boolType, { description: 'Whether task outputs are kept in internal storage.' }),
  },
});

export const tenantDataSource = defineDataSource<typeof schema, KestraContext>({
  typeName: 'kestra_tenant',
  schema,

  async read({ config }, ctx) {
    return tenantSettings(await ctx.client.api.tenants.get(config.id));
  },
});
