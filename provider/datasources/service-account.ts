import { defineDataSource } from '../framework/resource.js';
import { computed, defineSchema, optionalComputed } from '../framework/schema.js';
import { exactlyOneOf } from '../framework/validators/config-validators.js';
import { boolType, setOf, stringType } from '../framework/value-types.js';
import type { KestraContext } from '../provider-config.js';
import { findOne } from './lookup.js';

const schema = defineSchema({
  description: 'Looks up a Kestra service account by `id` or by `name`.',
  attributes: {
    id: optionalComputed(stringType, { description: 'Id of the service account. Exactly one of `id` and `name` must be set.' }),
    name: optionalComputed(stringType, { description: 'Name of the service account.' }),
    tenant_id: optionalComputed(stringType, { description: 'Tenant to look in; defaults to the provider\'s `tenant_id`.' }),
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
    const id = config.id ?? (await findOne('service account', config.name!, accounts.findByName(config.name!, { tenant }))).id;
    const account = await accounts.get(id, { tenant });
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
