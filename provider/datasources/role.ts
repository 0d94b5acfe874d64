import { boolType, computed, defineDataSource, defineSchema, exactlyOneOf, mapOf, optionalComputed, setOf, stringType } from '../framework/index.js';
import { idOrFindByName, nonBlank } from '../kestra/index.js';
import type { KestraContext } from '../provider-config.js';

const schema = defineSchema({
  description: 'Looks up a Kestra role by `id` or by exact `name`, for example a managed role such as `Admin`.',
  attributes: {
    id: optionalComputed(stringType, { description: 'Id of the role. Exactly one of `id` and `name` must be set.', validators: [nonBlank] }),
    name: optionalComputed(stringType, { description: 'Exact name of the role.', validators: [nonBlank] }),
    tenant_id: optionalComputed(stringType, { description: 'Tenant to look in; defaults to the provider\'s `tenant_id`.', validators: [nonBlank] }),
    description: computed(stringType, { description: 'Description of the role.' }),
    permissions: computed(mapOf(setOf(stringType)), { description: 'Actions granted per permission type.' }),
    is_default: computed(boolType, { description: 'Whether new users get this role by default.' }),
    is_managed: computed(boolType, { description: 'Whether Kestra manages the role (built-in roles such as Admin).' }),
  },
});

export const roleDataSource = defineDataSource<typeof schema, KestraContext>({
  typeName: 'kestra_role',
  schema,
  configValidators: [exactlyOneOf('id', 'name')],

  async read({ config }, ctx) {
    const tenant = config.tenant_id ?? ctx.client.defaultTenant;
    const roles = ctx.client.api.roles;
    const role = await roles.get(await idOrFindByName('role', config, (name) => roles.findByName(name, { tenant })), { tenant });
    return {
      id: role.id,
      name: role.name,
      tenant_id: tenant,
      description: role.description || null,
      permissions: role.permissions ?? {},
      is_default: role.isDefault ?? false,
      is_managed: role.isManaged ?? false,
    };
  },
});
