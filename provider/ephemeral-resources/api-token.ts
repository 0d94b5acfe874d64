import { randomBytes } from 'node:crypto';
import { computed, defineEphemeralResource, defineSchema, exactlyOneOf, notEmpty, oneOf, optional, optionalComputed, required, stringType } from '../framework/index.js';
import {
  createObject, kestraName, noPlaceholder, nonBlank, orNullIfGone, ownerOf, positiveDuration, SELF, serviceAccountTenant, tokenCreateTarget, tokenOwner,
  userTokensHaveNoTenant,
} from '../kestra/index.js';
import type { KestraContext } from '../provider-config.js';

const schema = defineSchema({
  description:
    'A short-lived API token of a service account, or of the identity the provider is authenticated as (`owner = "me"`, open to any ' +
    'user), minted when Terraform opens it and revoked when Terraform closes it, at the end of the run. It never reaches plan or ' +
    'state: use it to configure another provider block, for example an aliased `kestra` provider that acts as the service account ' +
    '(Terraform 1.10 or later).',
  attributes: {
    service_account_id: optional(stringType, {
      description: 'Service account the token is issued for. Exactly one of `service_account_id` and `owner` must be set.',
      validators: [nonBlank],
    }),
    owner: optional(stringType, {
      description: '`"me"`: the token is issued for the identity the provider is authenticated as, through `/api/v1/me/api-tokens`.',
      validators: [oneOf([SELF])],
    }),
    max_age: required(stringType, { description: 'Lifetime of the token (ISO-8601 duration, e.g. `PT15M`); it expires even if the run is killed.', validators: [positiveDuration] }),
    name: optionalComputed(stringType, { description: 'Name of the token; a unique `terraform-…` name when unset.', validators: [kestraName] }),
    description: optional(stringType, { description: 'Free-text description.', validators: [notEmpty()] }),
    tenant_id: optionalComputed(stringType, {
      description:
        'Tenant of the service account; when unset, the tenant the account is in (the provider\'s `tenant_id` when it is there). Null for a token of the caller, which is instance-level.',
      validators: [nonBlank],
    }),
    token: computed(stringType, { description: 'The secret to send as `Authorization: Bearer <token>`.', sensitive: true }),
    token_id: computed(stringType, { description: 'Identifier Kestra gave the token.' }),
    expires_at: computed(stringType, { description: 'When the token expires (RFC 3339).' }),
  },
});

/** What closing needs: kept by Terraform as private data between open and close; no service account for the caller's own token. */
type OpenToken = { service_account_id: string | null; tenant_id: string | null; token_id: string };

export const ephemeralApiTokenResource = defineEphemeralResource<typeof schema, KestraContext, OpenToken>({
  typeName: 'kestra_api_token',
  schema,
  configValidators: [exactlyOneOf('service_account_id', 'owner'), userTokensHaveNoTenant],

  async open({ config }, ctx) {
    const sa = config.service_account_id;
    const tenant = sa === null ? null : (config.tenant_id ?? (await serviceAccountTenant(ctx, sa)));
    const ref = ownerOf({ service_account_id: sa, user_id: null, owner: config.owner, tenant_id: tenant });
    const name = config.name ?? `terraform-${randomBytes(5).toString('hex')}`;
    const request = { name, maxAge: config.max_age, extended: false, ...(config.description !== null ? { description: config.description } : {}) };
    // A lost answer is settled like a managed token's: the token made is deleted and made again, never a sibling.
    const unknown = noPlaceholder('A token made anyway expires after max_age.');
    const created = await createObject(ctx.client.creates, tokenCreateTarget(ctx, ref, request), unknown, async (made) => made);
    const listed = (await tokenOwner(ref, ctx).list()).find((t) => t.id === created.id);
    return {
      result: { ...config, name, tenant_id: tenant, token: created.fullToken, token_id: created.id, expires_at: listed?.exp ?? null },
      private: { service_account_id: sa, tenant_id: tenant, token_id: created.id },
    };
  },

  async close({ private: open }, ctx) {
    // Already gone (revoked, or its service account deleted): the goal of closing is reached.
    const ref = ownerOf({ service_account_id: open.service_account_id, user_id: null, owner: open.service_account_id === null ? SELF : null, tenant_id: open.tenant_id });
    await orNullIfGone(tokenOwner(ref, ctx).delete(open.token_id));
  },
});

