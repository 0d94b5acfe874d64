import { compareUtf8 } from '../../common/compare-text.js';
import { computed, defineDataSource, defineSchema, nestedList, optional, optionalComputed, setOf, stringType } from '../framework/index.js';
import { nonBlank } from '../kestra/index.js';
import type { KestraContext } from '../provider-config.js';

const schema = defineSchema({
  description:
    'Lists the service accounts of a tenant, optionally only those whose name contains some text (filtered by the server, every page ' +
    'read). Needs the SERVICE_ACCOUNT read permission on the tenant, not a superadmin; superadmin accounts are shown to superadmins only.',
  attributes: {
    name_contains: optional(stringType, { description: 'Keep only accounts whose name contains this text, ignoring case.', validators: [nonBlank] }),
    tenant_id: optionalComputed(stringType, { description: 'Tenant to list; defaults to the provider\'s `tenant_id`.', validators: [nonBlank] }),
    service_accounts: computed(
      nestedList({
        id: computed(stringType, { description: 'Id of the service account.' }),
        name: computed(stringType, { description: 'Name of the service account.' }),
        description: computed(stringType, { description: 'Description of the service account.' }),
        groups: computed(setOf(stringType), { description: 'Ids of the groups of the tenant the account belongs to.' }),
      }),
      { description: 'The service accounts, ordered by name then id, byte by byte (`Z` before `a`) whatever the locale.' },
    ),
  },
});

export const serviceAccountsDataSource = defineDataSource<typeof schema, KestraContext>({
  typeName: 'kestra_service_accounts',
  schema,

  async read({ config }, ctx) {
    const tenant = config.tenant_id ?? ctx.client.defaultTenant;
    const found = await ctx.client.api.serviceAccounts.search(config.name_contains ?? '', { tenant });
    return {
      ...config,
      tenant_id: tenant,
      service_accounts: found
        .map((sa) => ({ id: sa.id, name: sa.username, description: sa.description || null, groups: (sa.groups ?? []).map((g) => g.id) }))
        .sort((a, b) => compareUtf8(a.name, b.name) || compareUtf8(a.id, b.id)),
    };
  },
});
