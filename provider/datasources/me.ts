import { boolType, computed, defineDataSource, defineSchema, setOf, stringType } from '../framework/index.js';
import type { KestraContext } from '../provider-config.js';

const schema = defineSchema({
  description:
    'The identity the provider is authenticated as (the user of `username`/`password`, or the owner of `api_token`): any caller may read it, ' +
    'a regular user or a service account included.',
  attributes: {
    id: computed(stringType, { description: 'Id of the user or service account.' }),
    username: computed(stringType, { description: 'Username: a user\'s email, or a service account\'s name.' }),
    email: computed(stringType, { description: 'Email of a user; null for a service account.' }),
    first_name: computed(stringType, { description: 'First name of a user.' }),
    last_name: computed(stringType, { description: 'Last name of a user.' }),
    super_admin: computed(boolType, { description: 'Whether the identity is a superadmin of the instance.' }),
    tenants: computed(setOf(stringType), { description: 'Ids of the tenants the identity can access (a superadmin: every tenant).' }),
  },
});

export const meDataSource = defineDataSource<typeof schema, KestraContext>({
  typeName: 'kestra_me',
  schema,

  async read(_req, ctx) {
    const me = await ctx.client.api.users.getMe();
    const profile = me.profile ?? {};
    return {
      id: me.id,
      username: profile.username ?? null,
      email: profile.email || null,
      first_name: profile.firstName || null,
      last_name: profile.lastName || null,
      super_admin: me.superAdmin ?? false,
      tenants: (me.tenants ?? []).map((t) => t.id),
    };
  },
});
