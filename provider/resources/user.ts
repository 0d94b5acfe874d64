import type { ApiCreateOrUpdateUserRequest, ApiUser, ApiUserSummary } from '../client/index.js';
import {
  boolType, computed, defineResource, defineSchema, ExactNumber, matchesPattern, notEmpty, numberType, optional, optionalComputed, rawBool, rawList,
  rawRequiredString, rawString, required, requiresAlso, ResourceError, setOf, stringType, useStateForUnknown, type ConfigOf, type PlanOf, type RawValue,
  type StateOf, type StateUpgrader,
} from '../framework/index.js';
import { createObject, objectKey, orNullIfGone, placeholderSink, settlePlaceholder, type CreateTarget, type PendingCreate } from '../kestra/index.js';
import type { KestraContext } from '../provider-config.js';

/** Kestra signs users in with their email: one `@`, something on each side, no white space. */
const email = matchesPattern(/^[^\s@]+@[^\s@]+$/, 'an email address, for example "ada@example.com"');

const schema = defineSchema({
  // Version 1 only so that Terraform hands over a version-0 state whole: the official provider's (kestra-io/kestra
  // v1.3.2, with `username`, `namespace`, `description`) goes through the upgrader, which also reads this
  // provider's own version 0.
  version: 1,
  description:
    'A Kestra user of the instance (users are not tenant-scoped; managing them needs a superadmin). Give them tenants and permissions ' +
    'with groups (`kestra_group_member`) and `kestra_role_binding`. The password is write-only (`password_wo`, Terraform 1.11 or later): ' +
    'it is sent when the user is created and whenever `password_wo_version` changes, and is never stored in the plan or the state.',
  attributes: {
    id: computed(stringType, { description: 'Identifier Kestra gave the user.', nullable: false, planModifiers: [useStateForUnknown()] }),
    email: required(stringType, { description: 'Email of the user, which is also the username they sign in with; unique in the instance, ignoring case.', validators: [email] }),
    first_name: optional(stringType, { description: 'First name.', validators: [notEmpty()] }),
    last_name: optional(stringType, { description: 'Last name.', validators: [notEmpty()] }),
    super_admin: optionalComputed(boolType, { description: 'Whether the user is a superadmin of the whole instance. Defaults to `false`.', default: false }),
    groups: optionalComputed(setOf(stringType), {
      description:
        'Ids of the groups (of any tenant) the user belongs to. When set, the set is authoritative: memberships not listed are removed (`[]` ' +
        'removes them all). When unset, the memberships are not managed here: they are read back (so `kestra_group_member` can add them) and no ' +
        'plan changes them.',
    }),
    password_wo: optional(stringType, {
      description:
        'Password the user signs in with; write-only, so never in the plan or the state. Sent when the user is created and whenever ' +
        '`password_wo_version` changes: change the version to send a new password. The server applies its password policy.',
      sensitive: true,
      writeOnly: true,
      validators: [notEmpty()],
    }),
    password_wo_version: optional(numberType, {
      description: 'Any number; changing it sends `password_wo` again. Kept only by Terraform. Set it together with `password_wo`.',
    }),
  },
});

type State = StateOf<typeof schema>;
type Ctx = { readonly client: KestraContext };

export const userResource = defineResource<typeof schema, KestraContext, { pending_create: PendingCreate }>({
  typeName: 'kestra_user',
  displayName: 'user',
  schema,
  configValidators: [
    requiresAlso('password_wo', 'password_wo_version', () => true, 'Set password_wo_version with password_wo: changing the version is how a new password is sent.'),
    requiresAlso('password_wo_version', 'password_wo', () => true, 'password_wo_version says when to send password_wo; set the password too.'),
  ],

  async create({ plan, config }, ctx) {
    const body = requestBody(plan, config);
    if (config.password_wo !== null) body.password = config.password_wo;
    const { id: _unknown, ...placeholder } = plan;
    return createObject(ctx.client.creates, createTarget(ctx, body), placeholderSink(ctx, placeholder), async (created) => {
      const users = ctx.client.api.users;
      // The user exists from here on: if the superadmin call fails, Terraform keeps it (tainted), not an orphan.
      ctx.recordPartialState(toState(created, plan.password_wo_version));
      if ((created.superAdmin ?? false) !== plan.super_admin) await users.setSuperAdmin(created.id, plan.super_admin);
      return { ...toState(created, plan.password_wo_version), super_admin: plan.super_admin };
    });
  },

  async resolvePlaceholder({ state }, ctx) {
    if (typeof state.email !== 'string') throw new ResourceError('placeholder without an email', 'The placeholder of this user has no email to look it up by; remove it from the state.');
    const found = await settlePlaceholder(ctx.client.creates, createTarget(ctx, { email: state.email }), ctx.private.pending_create);
    return found && fetchUser(ctx, found.id, state.password_wo_version ?? null);
  },

  read: ({ state }, ctx) => fetchUser(ctx, state.id, state.password_wo_version),

  async update({ plan, state, config }, ctx) {
    const users = ctx.client.api.users;
    const updated = await users.update(state.id, requestBody(plan, config));
    if (plan.password_wo_version !== null && String(plan.password_wo_version) !== String(state.password_wo_version) && config.password_wo !== null) {
      await users.setPassword(state.id, config.password_wo);
    }
    if ((updated.superAdmin ?? false) !== plan.super_admin) await users.setSuperAdmin(state.id, plan.super_admin);
    return { ...toState(updated, plan.password_wo_version), super_admin: plan.super_admin };
  },

  async delete({ state }, ctx) {
    await orNullIfGone(ctx.client.api.users.delete(state.id));
  },

  // The password cannot be read back: an imported user has no password_wo_version until the configuration sets one.
  importState: ({ id }, ctx) => fetchUser(ctx, id, null),

  stateUpgraders: { 0: storedUser() },
});

async function fetchUser(ctx: Ctx, id: string, passwordVersion: State['password_wo_version']): Promise<State | null> {
  const found = await orNullIfGone(ctx.client.api.users.get(id));
  return found && toState(found, passwordVersion);
}

/**
 * The create protocol's view of a user: emails are unique in the instance, ignoring case (409), so a second
 * create is refused, never a duplicate.
 */
function createTarget(ctx: Ctx, body: ApiCreateOrUpdateUserRequest): CreateTarget<ApiUser, ApiUserSummary> {
  const users = ctx.client.api.users;
  return {
    what: `user ${JSON.stringify(body.email)}`,
    key: objectKey(ctx.client.api.endpoint, 'user', body.email.toLowerCase()),
    unique: true,
    create: () => users.create(body),
    find: () => users.findByEmail(body.email),
    adopt: (found, leftover) => (leftover ? users.update(found.id, body) : users.get(found.id)),
    discard: async (found) => void (await orNullIfGone(users.delete(found.id))),
  };
}

/** The user as configured; groups only when set (a PUT without them keeps the user's memberships). */
function requestBody(plan: PlanOf<typeof schema>, config: ConfigOf<typeof schema>): ApiCreateOrUpdateUserRequest {
  return {
    email: plan.email,
    ...(plan.first_name !== null ? { firstName: plan.first_name } : {}),
    ...(plan.last_name !== null ? { lastName: plan.last_name } : {}),
    ...(config.groups !== null ? { groups: config.groups } : {}),
    superAdmin: plan.super_admin,
  };
}

function toState(user: ApiUser, passwordVersion: State['password_wo_version']): State {
  return {
    id: user.id,
    email: user.email ?? '',
    // Kestra keeps an absent name as missing or empty text; null keeps the plan of an unset name empty.
    first_name: user.firstName || null,
    last_name: user.lastName || null,
    super_admin: user.superAdmin ?? false,
    groups: (user.groups ?? []).map((g) => g.id),
    password_wo: null,
    password_wo_version: passwordVersion,
  };
}

/**
 * Stored users of version 0, this provider's or the official one's. The official `username` is the email the
 * server signs the user in with; its `groups` are ids, as here. It kept no superadmin flag nor password (that was
 * `kestra_user_password`): the first refresh reads the flag.
 */
function storedUser(): StateUpgrader<typeof schema, KestraContext> {
  return {
    reads: ['username'],
    dropped: {
      namespace: 'Kestra users have no namespace: the user API has no such field, so the server never stored the one the official provider sent. To grant a user a role inside a namespace only, set `namespace` on its `kestra_role_binding`.',
      description: 'Kestra users have no description: the official provider never sent it, so the server never held it.',
    },
    upgrade: (raw) => ({
      id: rawRequiredString(raw, 'id'),
      email: rawString(raw.email) ?? rawRequiredString(raw, 'username'),
      first_name: rawString(raw.first_name),
      last_name: rawString(raw.last_name),
      super_admin: rawBool(raw.super_admin, false),
      groups: [...new Set(rawList(raw.groups).map(rawString).filter((id) => id !== null))],
      password_wo: null,
      password_wo_version: storedNumber(raw.password_wo_version),
    }),
  };
}

function storedNumber(value: RawValue | undefined): State['password_wo_version'] {
  return typeof value === 'number' || value instanceof ExactNumber ? value : null;
}
