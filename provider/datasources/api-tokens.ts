import { compareUtf8 } from '../../common/compare-text.js';
import { boolType, computed, defineDataSource, defineSchema, exactlyOneOf, nestedList, oneOf, optional, optionalComputed, stringType } from '../framework/index.js';
import { nonBlank, ownerOf, SELF, serviceAccountTenant, tokenOwner, userTokensHaveNoTenant } from '../kestra/index.js';
import type { KestraContext } from '../provider-config.js';

const tokenMetadata = nestedList({
  token_id: computed(stringType, { description: 'Identifier Kestra gave the token.' }),
  name: computed(stringType, { description: 'Name of the token.' }),
  description: computed(stringType, { description: 'Description of the token.' }),
  prefix: computed(stringType, { description: 'Short public prefix that identifies the token in the Kestra UI.' }),
  issued_at: computed(stringType, { description: 'When the token was issued (RFC 3339).' }),
  expires_at: computed(stringType, { description: 'When the token expires (RFC 3339); null when it never expires.' }),
  last_used: computed(stringType, { description: 'When the token was last used (RFC 3339); null when never used.' }),
  extended: computed(boolType, { description: 'Whether each use pushes the expiry forward.' }),
  expired: computed(boolType, { description: 'Whether the token has expired.' }),
});

const schema = defineSchema({
  description:
    'Lists the API tokens of a service account, of a user, or of the identity the provider is authenticated as (`owner = "me"`, open ' +
    'to any user): their metadata only; Kestra never returns a token\'s secret again.',
  attributes: {
    service_account_id: optional(stringType, {
      description: 'Service account whose tokens to list. Exactly one of `service_account_id`, `user_id` and `owner` must be set.',
      validators: [nonBlank],
    }),
    user_id: optional(stringType, { description: 'User whose tokens to list (needs a superadmin).', validators: [nonBlank] }),
    owner: optional(stringType, {
      description: '`"me"`: the tokens of the identity the provider is authenticated as, through `/api/v1/me/api-tokens`.',
      validators: [oneOf([SELF])],
    }),
    tenant_id: optionalComputed(stringType, {
      description:
        'Tenant of the service account; when unset, the tenant the account is in (the provider\'s `tenant_id` when it is there). Null for a user (the caller too), whose tokens are instance-level.',
      validators: [nonBlank],
    }),
    tokens: computed(tokenMetadata, { description: 'The tokens, ordered by name then id, byte by byte (`Z` before `a`) whatever the locale.' }),
  },
});

export const apiTokensDataSource = defineDataSource<typeof schema, KestraContext>({
  typeName: 'kestra_api_tokens',
  schema,
  configValidators: [exactlyOneOf('service_account_id', 'user_id', 'owner'), userTokensHaveNoTenant],

  async read({ config }, ctx) {
    const sa = config.service_account_id;
    const tenant = sa === null ? null : (config.tenant_id ?? (await serviceAccountTenant(ctx, sa)));
    const tokens = await tokenOwner(ownerOf({ ...config, tenant_id: tenant }), ctx).list();
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
        .sort((a, b) => compareUtf8(a.name, b.name) || compareUtf8(a.token_id, b.token_id)),
    };
  },
});
