import { compareUtf8 } from '../../common/compare-text.js';
import { boolType, computed, defineDataSource, defineSchema, nestedList, optional, setOf, stringType } from '../framework/index.js';
import { nonBlank } from '../kestra/index.js';
import type { KestraContext } from '../provider-config.js';

const schema = defineSchema({
  description:
    'Lists the users of the instance, optionally only those whose email contains some text (filtered by the server, every page read). ' +
    'Users are instance-level: the list needs a superadmin. Service accounts are not users: see `kestra_service_accounts`.',
  attributes: {
    email_contains: optional(stringType, { description: 'Keep only users whose email (their username) contains this text, ignoring case.', validators: [nonBlank] }),
    users: computed(
      nestedList({
        id: computed(stringType, { description: 'Id of the user.' }),
        email: computed(stringType, { description: 'Email of the user, which is their username.' }),
        display_name: computed(stringType, { description: 'Name Kestra shows for the user.' }),
        super_admin: computed(boolType, { description: 'Whether the user is a superadmin of the instance.' }),
        tenants: computed(setOf(stringType), { description: 'Ids of the tenants the user can access.' }),
      }),
      { description: 'The users, ordered by email then id, byte by byte (`Z` before `a`) whatever the locale.' },
    ),
  },
});

export const usersDataSource = defineDataSource<typeof schema, KestraContext>({
  typeName: 'kestra_users',
  schema,

  async read({ config }, ctx) {
    const found = await ctx.client.api.users.search(config.email_contains ?? '');
    return {
      ...config,
      users: found
        .map((u) => ({
          id: u.id,
          email: u.username ?? '',
          display_name: u.displayName || null,
          super_admin: u.superAdmin ?? false,
          tenants: (u.tenants ?? []).map((t) => t.id),
        }))
        .sort((a, b) => compareUtf8(a.email, b.email) || compareUtf8(a.id, b.id)),
    };
  },
});
