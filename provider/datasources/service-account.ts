import { boolType, computed, defineDataSource, defineSchema, exactlyOneOf, optionalComputed, setOf, stringType } from '../framework/index.js';
import { idOrFindByName, nonBlank } from '../kestra/index.js';
import type { KestraContext } from '../provider-config.js';

const schema = defineSchema({
  description: 'Looks up a Kestra service account by `id` or by `name`.',
  attributes: {
    id: optionalComputed(stringType, { description: 'Id of the service account. Exactly one of `id` and `name` must be set.', validators: [nonBlank] }),
    name: optionalComputed(stringType, { description: 'Name of the service account.', validators: [nonBlank] }),
    tenant_id: optionalComputed(stringType, { description: 'Tenant to look in; defaults to the provider\'s `tenant_id`.', validators: [nonBlank] }),
    description: computed(stringType, { description: 'Description of the service account.' }),
    super_admin: computed(boolType, { description: 'Whether the service account is a superadmin.' }),
    groups: computed(setOf(stringType), { description: 'Ids of the groups the service account belongs to.' }),
  },
});

export const serviceAccountDataSource = defineDataSource<typeof schema, KestraContext>({
  typeName: 'kestra_service_account',
  schema,
  configValidators: [exactlyOneOf('id', 'name')],

  async read({ config }, ctx) {
    const tenant = config.tenant_id ?? ctx.client.defaultTenant;
    const accounts = ctx.client.api.serviceAccounts;
    const account = await accounts.get(await idOrFindByName('service account', config, (name) => accounts.findByName(name, { tenant })), { tenant });
    return {
      id: account.id,
      name: account.name,
      tenant_id: tenant,
      description: account.description || null,
      super_admin: account.superAdmin ?? false,
      groups: (account.groups ?? []).map((g) => g.id),
    };
  },
});
