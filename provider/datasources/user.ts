import { boolType, computed, defineDataSource, defineSchema, exactlyOneOf, optionalComputed, ResourceError, setOf, stringType } from '../framework/index.js';
import { findOne, nonBlank } from '../kestra/index.js';
import type { KestraContext } from '../provider-config.js';

const schema = defineSchema({
  description:
    'Looks up a Kestra user of the instance by `id` or by `email` (ignoring case, as Kestra does), for example to bind a role to a person ' +
    'by their email. Users are instance-level: the look-up needs a superadmin.',
  attributes: {
    id: optionalComputed(stringType, { description: 'Id of the user. Exactly one of `id` and `email` must be set.', validators: [nonBlank] }),
    email: optionalComputed(stringType, {
      description: 'Email of the user, matched ignoring case; the state holds it as the server spells it.',
      validators: [nonBlank],
    }),
    first_name: computed(stringType, { description: 'First name.' }),
    last_name: computed(stringType, { description: 'Last name.' }),
    super_admin: computed(boolType, { description: 'Whether the user is a superadmin of the instance.' }),
    groups: computed(setOf(stringType), { description: 'Ids of the groups (of any tenant) the user belongs to.' }),
    tenants: computed(setOf(stringType), { description: 'Ids of the tenants the user can access.' }),
  },
});

export const userDataSource = defineDataSource<typeof schema, KestraContext>({
  typeName: 'kestra_user',
  schema,
  configValidators: [exactlyOneOf('id', 'email')],

  async read({ config }, ctx) {
    const users = ctx.client.api.users;
    const id = config.id ?? (await findOne('user', emailOf(config.email), users.findByEmail(emailOf(config.email)))).id;
    const user = await users.get(id);
    return {
      id: user.id,
      email: user.email ?? null,
      first_name: user.firstName || null,
      last_name: user.lastName || null,
      super_admin: user.superAdmin ?? false,
      groups: (user.groups ?? []).map((g) => g.id),
      tenants: (user.tenants ?? []).map((t) => t.id),
    };
  },
});

function emailOf(email: string | null): string {
  if (email === null) throw new ResourceError('user lookup needs id or email', 'Set `id` or `email`.');
  return email;
}
