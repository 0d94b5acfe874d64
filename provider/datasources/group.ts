import { computed, defineDataSource, defineSchema, exactlyOneOf, optionalComputed, stringType } from '../framework/index.js';
import { idOrFindByName, nonBlank } from '../kestra/index.js';
import type { KestraContext } from '../provider-config.js';

const schema = defineSchema({
  description: 'Looks up a Kestra group of a tenant by `id` or by exact `name`.',
  attributes: {
    id: optionalComputed(stringType, { description: 'Id of the group. Exactly one of `id` and `name` must be set.', validators: [nonBlank] }),
    name: optionalComputed(stringType, { description: 'Exact name of the group (names are unique in a tenant).', validators: [nonBlank] }),
    tenant_id: optionalComputed(stringType, { description: 'Tenant to look in; defaults to the provider\'s `tenant_id`.', validators: [nonBlank] }),
    description: computed(stringType, { description: 'Description of the group.' }),
  },
});

export const groupDataSource = defineDataSource<typeof schema, KestraContext>({
  typeName: 'kestra_group',
  schema,
  configValidators: [exactlyOneOf('id', 'name')],

  async read({ config }, ctx) {
    const tenant = config.tenant_id ?? ctx.client.defaultTenant;
    const groups = ctx.client.api.groups;
    const group = await groups.get(await idOrFindByName('group', config, (name) => groups.findByName(name, { tenant })), { tenant });
    return { id: group.id, name: group.name, tenant_id: tenant, description: group.description || null };
  },
});
