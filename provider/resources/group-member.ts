import type { ApiGroupMember, GroupMembership } from '../client/index.js';
import {
  computed, defineResource, defineSchema, oneOf, optionalComputed, rawRequiredString, rawString, required, requiresReplace, ResourceError, stringType,
  useStateForUnknown, type PartialStateOf, type RawState, type StateOf,
} from '../framework/index.js';
import {
  createObject, fromOfficial, nonBlank, objectKey, orNullIfGone, placeholderSink, planTenant, removeGroupMember, settlePlaceholder, tenantIdAttribute, tenantOf, withMemberships,
  type CreateTarget, type PendingCreate,
} from '../kestra/index.js';
import type { KestraContext } from '../provider-config.js';

const MEMBERSHIPS: readonly GroupMembership[] = ['MEMBER', 'OWNER'];

const schema = defineSchema({
  description:
    'One membership of a user or a service account in a group. It is additive: it adds and removes only its own membership, never the ' +
    'others of the group or of the account. Use it for accounts whose `groups` argument (`kestra_service_account`, `kestra_user`) is ' +
    'left unset, which then means "not managed there": the account\'s read-back shows the membership and plans no change. An account ' +
    'whose `groups` is set owns its whole set of groups, so a `kestra_group_member` for it would be removed by the next apply of the account.',
  attributes: {
    id: computed(stringType, { description: '`<group_id>/<member_id>`.', nullable: false, planModifiers: [useStateForUnknown()] }),
    group_id: required(stringType, { description: 'Id of the group. Changing it replaces the membership.', validators: [nonBlank], planModifiers: [requiresReplace()] }),
    member_id: required(stringType, {
      description: 'Id of the user or service account to add. Changing it replaces the membership.',
      validators: [nonBlank],
      planModifiers: [requiresReplace()],
    }),
    membership: optionalComputed(stringType, {
      description: 'Kind of membership: `MEMBER` or `OWNER` (an owner manages the group\'s members). Changed in place. Defaults to `MEMBER`.',
      default: 'MEMBER',
      validators: [oneOf(MEMBERSHIPS)],
    }),
    tenant_id: tenantIdAttribute,
  },
});

type State = StateOf<typeof schema>;
type Ctx = { readonly client: KestraContext };
interface Ref {
  readonly tenant: string;
  readonly groupId: string;
  readonly memberId: string;
}

export const groupMemberResource = defineResource<typeof schema, KestraContext, { pending_create: PendingCreate }>({
  typeName: 'kestra_group_member',
  displayName: 'group membership',
  schema,

  modifyPlan: planTenant,

  async create({ plan }, ctx) {
    const ref = { tenant: tenantOf(plan, ctx), groupId: plan.group_id, memberId: plan.member_id };
    const { id: _unknown, ...placeholder } = plan;
    return withMemberships(ctx.client, ref.tenant, ref.memberId, () =>
      createObject(ctx.client.creates, createTarget(ctx, ref), placeholderSink(ctx, placeholder), async (member) => {
        const added = toState(ref, membershipIn(member, ref.groupId) ?? 'MEMBER');
        if (added.membership === plan.membership) return added;
        // The member exists from here on: if the membership call fails, Terraform keeps it (tainted), not an orphan.
        ctx.recordPartialState(added);
        await ctx.client.api.groups.setMembership(ref.groupId, ref.memberId, toMembership(plan.membership), { tenant: ref.tenant });
        return { ...added, membership: plan.membership };
      }),
    );
  },

  async resolvePlaceholder({ state }, ctx) {
    const ref = placeholderRef(state, ctx);
    const found = await settlePlaceholder(ctx.client.creates, createTarget(ctx, ref), ctx.private.pending_create);
    return found && fetchMembership(ctx, ref);
  },

  read: ({ state }, ctx) => fetchMembership(ctx, refOf(state, ctx)),

  async update({ plan, state }, ctx) {
    const ref = refOf(state, ctx);
    const member = await ctx.client.api.groups.setMembership(ref.groupId, ref.memberId, toMembership(plan.membership), { tenant: ref.tenant });
    return toState(ref, membershipIn(member, ref.groupId) ?? plan.membership);
  },

  async delete({ state }, ctx) {
    const ref = refOf(state, ctx);
    await withMemberships(ctx.client, ref.tenant, ref.memberId, () => removeMembership(ctx, ref));
  },

  // `[<tenant>/]<group_id>/<member_id>`.
  async importState({ id }, ctx) {
    const parts = id.split('/');
    const [tenant, groupId, memberId] = parts.length === 2 ? [ctx.client.defaultTenant, ...parts] : parts;
    if (parts.length < 2 || parts.length > 3 || !tenant || !groupId || !memberId) {
      throw new ResourceError('invalid import id', `Expected <group_id>/<member_id> or <tenant>/<group_id>/<member_id>; got ${JSON.stringify(id)}.`);
    }
    return fetchMembership(ctx, { tenant, groupId, memberId });
  },

  movedFrom: [fromOfficial('kestra_user_group_membership', { reads: ['user_id'], move: movedMembership })],
});

function refOf(state: State, ctx: Ctx): Ref {
  return { tenant: tenantOf(state, ctx), groupId: state.group_id, memberId: state.member_id };
}

function placeholderRef(state: PartialStateOf<typeof schema>, ctx: Ctx): Ref {
  if (typeof state.group_id !== 'string' || typeof state.member_id !== 'string') {
    throw new ResourceError('placeholder without its membership', 'The placeholder of this group membership names no group or member; remove it from the state.');
  }
  return { tenant: tenantOf({ tenant_id: state.tenant_id ?? null }, ctx), groupId: state.group_id, memberId: state.member_id };
}

/** The membership, or null when the group is gone or the account is no longer in it. */
async function fetchMembership(ctx: Ctx, ref: Ref): Promise<State | null> {
  const member = await orNullIfGone(ctx.client.api.groups.findMember(ref.groupId, ref.memberId, { tenant: ref.tenant }));
  return member ? toState(ref, membershipIn(member, ref.groupId) ?? 'MEMBER') : null;
}

/** The create protocol's view: an account is in a group at most once (a second add answers 409), so the create is unique. */
function createTarget(ctx: Ctx, ref: Ref): CreateTarget<ApiGroupMember, ApiGroupMember> {
  const groups = ctx.client.api.groups;
  // Found memberships carry the import id, which is what a refusal of an existing one tells the user to import.
  const found = async () => {
    const member = await groups.findMember(ref.groupId, ref.memberId, { tenant: ref.tenant });
    return member ? [{ ...member, id: `${ref.tenant}/${ref.groupId}/${ref.memberId}` }] : [];
  };
  return {
    what: `membership of ${ref.memberId} in group ${ref.groupId}`,
    key: objectKey(ctx.client.api.endpoint, ref.tenant, 'group-member', ref.groupId, ref.memberId),
    unique: true,
    create: () => groups.addMember(ref.groupId, ref.memberId, { tenant: ref.tenant }),
    find: found,
    adopt: async (member) => member,
    discard: () => removeMembership(ctx, ref),
  };
}

function removeMembership(ctx: Ctx, ref: Ref): Promise<void> {
  return removeGroupMember(ctx.client, ref.tenant, ref.groupId, ref.memberId);
}

function membershipIn(member: ApiGroupMember, groupId: string): GroupMembership | undefined {
  return (member.groups ?? []).find((g) => g.id === groupId)?.membership;
}

function toMembership(value: string): GroupMembership {
  const membership = MEMBERSHIPS.find((m) => m === value);
  if (membership === undefined) throw new ResourceError('invalid membership', `membership must be one of ${MEMBERSHIPS.join(', ')}; got ${JSON.stringify(value)}.`);
  return membership;
}

function toState(ref: Ref, membership: string): State {
  return { id: `${ref.groupId}/${ref.memberId}`, group_id: ref.groupId, member_id: ref.memberId, membership, tenant_id: ref.tenant };
}

/**
 * The official provider's membership of a user (`kestra_user_group_membership`, id `<group_id>/<user_id>`, as
 * here). It added users as plain members and never read the kind back: `MEMBER` until the first refresh reads it.
 */
function movedMembership(raw: RawState): State {
  const groupId = rawRequiredString(raw, 'group_id');
  const memberId = rawRequiredString(raw, 'user_id');
  return { id: `${groupId}/${memberId}`, group_id: groupId, member_id: memberId, membership: 'MEMBER', tenant_id: rawString(raw.tenant_id) };
}
