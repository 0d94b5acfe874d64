import { randomBytes } from 'node:crypto';
import { computed, defineEphemeralResource, defineSchema, notEmpty, optional, optionalComputed, required, stringType } from '../framework/index.js';
import { kestraName, nonBlank, orNullIfGone, positiveDuration, serviceAccountTenant, tokenOwner } from '../kestra/index.js';
import type { KestraContext } from '../provider-config.js';

const schema = defineSchema({
  description:
    'A short-lived API token of a service account, minted when Terraform opens it and revoked when Terraform closes it, at the end ' +
    'of the run. It never reaches plan or state: use it to configure another provider block, for example an aliased `kestra` ' +
    'provider that acts as the service account (Terraform 1.10 or later).',
  attributes: {
    service_account_id: required(stringType, { description: 'Service account the token is issued for.', validators: [nonBlank] }),
    max_age: required(stringType, { description: 'Lifetime of the token (ISO-8601 duration, e.g. `PT15M`); it expires even if the run is killed.', validators: [positiveDuration] }),
    name: optionalComputed(stringType, { description: 'Name of the token; a unique `terraform-…` name when unset.', validators: [kestraName] }),
    description: optional(stringType, { description: 'Free-text description.', validators: [notEmpty()] }),
    tenant_id: optionalComputed(stringType, {
      description: 'Tenant of the service account; when unset, the tenant the account is in (the provider\'s `tenant_id` when it is there).',
      validators: [nonBlank],
    }),
    token: computed(stringType, { description: 'The secret to send as `Authorization: Bearer <token>`.', sensitive: true }),
    token_id: computed(stringType, { description: 'Identifier Kestra gave the token.' }),
    expires_at: computed(stringType, { description: 'When the token expires (RFC 3339).' }),
  },
});

/** What closing needs: kept by Terraform as private data between open and close. */
type OpenToken = { service_account_id: string; tenant_id: string; token_id: string };

export const ephemeralApiTokenResource = defineEphemeralResource<typeof schema, KestraContext, OpenToken>({
  typeName: 'kestra_api_token',
  schema,

  async open({ config }, ctx) {
    const tenant = config.tenant_id ?? (await serviceAccountTenant(ctx, config.service_account_id));
    const owner = tokenOwner({ service_account_id: config.service_account_id, tenant_id: tenant }, ctx);
    const name = config.name ?? `terraform-${randomBytes(5).toString('hex')}`;
    const created = await owner.create({
      name,
      maxAge: config.max_age,
      extended: false,
      ...(config.description !== null ? { description: config.description } : {}),
    });
    const listed = (await owner.list()).find((t) => t.id === created.id);
    return {
      result: { ...config, name, tenant_id: tenant, token: created.fullToken, token_id: created.id, expires_at: listed?.exp ?? null },
      private: { service_account_id: config.service_account_id, tenant_id: tenant, token_id: created.id },
    };
  },

  async close({ private: open }, ctx) {
    // Already gone (revoked, or its service account deleted): the goal of closing is reached.
    await orNullIfGone(tokenOwner({ service_account_id: open.service_account_id, tenant_id: open.tenant_id }, ctx).delete(open.token_id));
  },
});
