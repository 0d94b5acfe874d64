import { defineDataSource, defineSchema, optionalComputed, required, stringType } from '../framework/index.js';
import { bindingView, bindingViewAttributes, nonBlank } from '../kestra/index.js';
import type { KestraContext } from '../provider-config.js';

const schema = defineSchema({
  description: 'Looks up one role binding by id: the role, who holds it (a service account, a user or a group) and where.',
  attributes: {
    id: required(stringType, { description: 'Id of the binding.', validators: [nonBlank] }),
    tenant_id: optionalComputed(stringType, { description: 'Tenant the binding is in; defaults to the provider\'s `tenant_id`.', validators: [nonBlank] }),
    ...bindingViewAttributes,
  },
});

export const roleBindingDataSource = defineDataSource<typeof schema, KestraContext>({
  typeName: 'kestra_role_binding',
  schema,

  async read({ config }, ctx) {
    const tenant = config.tenant_id ?? ctx.client.defaultTenant;
    return { ...bindingView(await ctx.client.api.bindings.get(config.id, { tenant })), tenant_id: tenant };
  },
});
