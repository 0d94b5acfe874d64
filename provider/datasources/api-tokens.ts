import { defineDataSource } from '../framework/resource.js';
import { computed, defineSchema, optional, optionalComputed } from '../framework/schema.js';
import { exactlyOneOf } from '../framework/validators/config-validators.js';
import { boolType, listOf, objectOf, stringType } from '../framework/value-types.js';
import type { KestraContext } from '../provider-config.js';
import { tokenOwner } from '../resources/token-owner.js';

const tokenMetadata = objectOf({
  token_id: stringType,
  name: stringType,
  description: stringType,
  prefix: stringType,
  issued_at: stringType,
  expires_at: stringType,
  last_used: stringType,
  extended: boolType,
  expired: boolType,
});

const schema = defineSchema({
  description: 'Lists the API tokens of a service account or a user: their metadata only; Kestra never returns a token\'s secret again.',
  attributes: {
    service_account_id: optional(stringType, { description: 'Service account whose tokens to list. Exactly one of `service_account_id` and `user_id` must be set.' }),
    user_id: optional(stringType, { description: 'User whose tokens to list.' }),
    tenant_id: optionalComputed(stringType, { description: 'Tenant of the service account; defaults to the provider\'s `tenant_id`.' }),
    tokens: computed(listOf(tokenMetadata), { description: 'The tokens, ordered by name then id.' }),
  },
});

export const apiTokensDataSource = defineDataSource<typeof schema, KestraContext>({
  typeName: 'kestra_api_tokens',
  schema,
  configValidators: [exactlyOneOf('service_account_id', 'user_id')],

  async read({ config }, ctx) {
    const tenant = config.tenant_id ?? ctx.client.defaultTenant;
    const tokens = await tokenOwner({ ...config, tenant_id: tenant }, ctx).list();
    return {
      ...config,
      tenant_id: tenant,
      tokens: tokens
        .map((t) => ({
          token_id: t.id,
          name: t.name,
          description: t.description || null,
          prefix: t.prefix ?? null,
          issued_at: t.iat ?? null,
          expires_at: t.exp ?? null,
          last_used: t.lastUsed ?? null,
          extended: t.extended ?? false,
          expired: t.expired ?? false,
        }))
        .sort((a, b) => a.name.localeCompare(b.name) || a.token_id.localeCompare(b.token_id)),
    };
  },
});
