import type { FastifyPluginAsync } from 'fastify';
import { readBody, type BodySpec } from '../body.js';
import { guards, principalOf, type EmulatorContext, type RouteOptions } from '../context.js';
import { errors } from '../errors.js';
import { newId } from '../ids.js';
import { queryText, readListQuery, TEXT_OPERATIONS, type ListSpec } from '../listing.js';
import type { KestraVersion } from '../permissions.js';
import { grantsOfGroup, requireMayHandOut } from '../rbac.js';
import type { Group, GroupField, Membership } from '../store/groups.js';
import type { AccountField, User } from '../store/users.js';
import { groupDetail, groupMemberView, groupSummary } from '../views.js';
import * as find from './lookups.js';
import { autocomplete, readAutocomplete } from './autocomplete.js';
import type { Route, Tenant, TenantAndId } from './params.js';

const CREATE_REQUEST: BodySpec = {
  javaType: 'IAMGroupController$ApiCreateGroupRequest',
  method: 'createGroup',
  argument: 'request',
  fields: {
    name: { kind: 'string', required: true, notBlank: true },
    description: { kind: 'string' },
    membersId: { kind: 'stringList' },
  },
};

const UPDATE_REQUEST: BodySpec = {
  javaType: 'IAMGroupController$ApiUpdateGroupRequest',
  method: 'updateGroup',
  argument: 'request',
  fields: { name: { kind: 'string', required: true, notBlank: true }, description: { kind: 'string' } },
};

/** 1.3 searches groups with `q`; 2.0 with filters (q, name). */
const SEARCH: Record<KestraVersion, ListSpec<GroupField>> = {
  '1.3': { q: true, sort: { name: 'name', id: 'id' } },
  '2.0': { filters: { name: { field: 'name', operations: TEXT_OPERATIONS } }, sort: { name: 'name', id: 'id' } },
};

const MEMBER_FILTERS = { username: { field: 'username', operations: TEXT_OPERATIONS } } as const;
/** Members: 1.3 has the deprecated `q` beside filters; 2.0 filters only. */
const MEMBERS: Record<KestraVersion, ListSpec<AccountField>> = {
  '1.3': { q: true, filters: MEMBER_FILTERS, sort: { username: 'username', id: 'id' } },
  '2.0': { filters: MEMBER_FILTERS, sort: { username: 'username', id: 'id' } },
};

const MEMBERSHIPS: readonly Membership[] = ['OWNER', 'MEMBER'];

const isMembership = (value: string): value is Membership => (MEMBERSHIPS as readonly string[]).includes(value);

const IDS_REQUEST: BodySpec = { javaType: 'ApiIds', method: 'listGroupIds', argument: 'ids', fields: { ids: { kind: 'stringList' } } };

const USER_GROUPS_REQUEST: BodySpec = {
  javaType: 'IAMUserGroupController$ApiUpdateUserGroupsRequest',
  method: 'updateUserGroups',
  argument: 'request',
  fields: { groupIds: { kind: 'stringList' } },
};

/** `membership` is a required enum query value: absent is 400, a value of no member of the enum 422. */
function membershipOf(query: Record<string, unknown>): Membership {
  const membership = queryText(query, 'membership');
  if (membership === undefined) throw errors.MISSING_QUERY_VALUE('membership');
  if (!isMembership(membership)) {
    throw errors.QUERY_ENUM_CONVERSION('membership', membership, `No enum constant io.kestra.ee.models.security.GroupIdentifier.Membership.${membership}`);
  }
  return membership;
}

function requireFreeName(ctx: EmulatorContext, tenantId: string, name: string, exceptId?: string): void {
  const existing = ctx.store.groups.findByName(tenantId, name);
  if (existing && existing.id !== exceptId) throw errors.CONFLICT('A group with the given name already exists');
}

/** Adding a member hands it what the group's bindings grant: the caller must hold all of it (superadmins do). */
function requireMayAddMember(ctx: EmulatorContext, caller: User, ...groups: Group[]): void {
  for (const group of groups) {
    requireMayHandOut(ctx, caller, group.tenantId, grantsOfGroup(ctx, group.tenantId, group.id), 'Insufficient privileges to add a member to the group');
  }
}

interface GroupMemberParams extends TenantAndId {
  userId: string;
}

export const groupRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const { store } = ctx;

  app.get<Route<Tenant>>('/api/v1/:tenant/groups/search', { config: guards.tenant('GROUP', 'list') }, async (request) => {
    const page = store.groups.page(request.params.tenant, readListQuery(request.query, SEARCH[ctx.kestraVersion]));
    return { results: page.results.map((g) => groupSummary(g, ctx.kestraVersion)), total: page.total };
  });

  app.post<Route<Tenant>>('/api/v1/:tenant/groups', { config: guards.tenant('GROUP', 'create') }, async (request) => {
    const { tenant } = request.params;
    const caller = principalOf(request).user;
    const body = readBody<{ name: string; description?: string; membersId?: string[] }>(CREATE_REQUEST, request.body);
    const members = (body.membersId ?? []).map((id) => find.accountToGrantIn(ctx, caller, tenant, id));
    const g: Group = { id: newId(), tenantId: tenant, name: body.name, description: body.description };
    store.transaction(() => {
      requireFreeName(ctx, tenant, body.name);
      store.groups.insert(g);
      for (const m of members) {
        store.groups.addMember(g.id, m.id);
        store.users.grantTenant(m.id, tenant);
      }
    });
    return groupDetail(g);
  });

  app.get<Route<TenantAndId>>('/api/v1/:tenant/groups/:id', { config: guards.tenant('GROUP', 'get') }, async (request) => {
    const { tenant, id } = request.params;
    return groupDetail(find.group(ctx, tenant, id));
  });

  app.put<Route<TenantAndId>>('/api/v1/:tenant/groups/:id', { config: guards.tenant('GROUP', 'update') }, async (request) => {
    const { tenant, id } = request.params;
    const body = readBody<{ name: string; description?: string }>(UPDATE_REQUEST, request.body);
    const updated: Group = { ...find.group(ctx, tenant, id), name: body.name, description: body.description };
    store.transaction(() => {
      requireFreeName(ctx, tenant, body.name, updated.id);
      store.groups.update(updated);
    });
    return groupDetail(updated);
  });

  app.delete<Route<TenantAndId>>('/api/v1/:tenant/groups/:id', { config: guards.tenant('GROUP', 'delete') }, async (request, reply) => {
    const { tenant, id } = request.params;
    store.deleteGroup(find.group(ctx, tenant, id).id);
    return reply.code(200).send();
  });

  app.get<Route<TenantAndId>>('/api/v1/:tenant/groups/:id/members', { config: guards.tenant('GROUP', 'listMembers') }, async (request) => {
    const { tenant, id } = request.params;
    const query = readListQuery(request.query, MEMBERS[ctx.kestraVersion]);
    const g = find.group(ctx, tenant, id);
    const page = store.users.page({ types: ['STANDARD', 'SERVICE_ACCOUNT'], groupId: g.id }, query);
    const rel = store.relations(page.results, tenant);
    return { results: page.results.map((u) => groupMemberView(rel, u)), total: page.total };
  });

  app.put<Route<GroupMemberParams>>('/api/v1/:tenant/groups/:id/members/:userId', { config: guards.tenant('GROUP', 'addMember') }, async (request) => {
    const { tenant, id, userId } = request.params;
    const caller = principalOf(request).user;
    const g = find.group(ctx, tenant, id);
    const user = find.accountToGrantIn(ctx, caller, tenant, userId);
    if (store.groups.membershipOf(g.id, user.id)) throw errors.CONFLICT('User is already a member of the group');
    requireMayAddMember(ctx, caller, g);
    store.transaction(() => {
      store.groups.addMember(g.id, user.id);
      store.users.grantTenant(user.id, tenant);
    });
    return groupMemberView(store.relations([user], tenant), user);
  });

  app.put<Route<GroupMemberParams>>(
    '/api/v1/:tenant/groups/:id/members/membership/:userId',
    { config: guards.tenant('GROUP', 'changeMembership') },
    async (request) => {
      const { tenant, id, userId } = request.params;
      const membership = membershipOf(request.query);
      const g = find.group(ctx, tenant, id);
      const user = find.accountInTenant(ctx, principalOf(request).user, tenant, userId);
      if (!store.groups.membershipOf(g.id, user.id)) throw errors.CONFLICT('User is not a member of the group');
      store.groups.setMembership(g.id, user.id, membership);
      return groupMemberView(store.relations([user], tenant), user);
    },
  );

  // The spec: "If the user has no other group bindings within the tenant, their access to the tenant will also be
  // revoked." Access stays while the account holds anything there (another group, or a binding of its own).
  app.delete<Route<GroupMemberParams>>('/api/v1/:tenant/groups/:id/members/:userId', { config: guards.tenant('GROUP', 'removeMember') }, async (request) => {
    const { tenant, id, userId } = request.params;
    const g = find.group(ctx, tenant, id);
    const user = find.accountInTenant(ctx, principalOf(request).user, tenant, userId);
    if (!store.groups.membershipOf(g.id, user.id)) throw errors.CONFLICT('User is not a member of the group');
    store.transaction(() => {
      store.groups.removeMember(g.id, user.id);
      const holdsMore = store.groups.groupsOf(user.id, tenant).length > 0 || store.bindings.forSubject(tenant, user.id, []).length > 0;
      if (!holdsMore) store.users.revokeTenant(user.id, tenant);
    });
    return groupMemberView(store.relations([user], tenant), user);
  });

  app.post<Route<Tenant>>('/api/v1/:tenant/groups/autocomplete', { config: guards.tenant('GROUP', 'list') }, async (request) => {
    const { tenant } = request.params;
    const body = readAutocomplete(request.body, { javaType: 'ApiAutocomplete', method: 'autocompleteGroups' });
    // 2.0 also takes filters on the query string.
    const base = ctx.kestraVersion === '2.0' ? readListQuery(request.query, SEARCH['2.0']) : undefined;
    const found = autocomplete(body, (query) => store.groups.page(tenant, query).results, undefined, base);
    return found.map((g) => groupSummary(g, ctx.kestraVersion));
  });

  // The ids that exist in the tenant, the others left out.
  app.post<Route<Tenant>>('/api/v1/:tenant/groups/ids', { config: guards.tenant('GROUP', 'list') }, async (request) => {
    const body = readBody<{ ids?: string[] }>(IDS_REQUEST, request.body);
    return store.groups.findMany(request.params.tenant, body.ids ?? []).map((g) => groupSummary(g, ctx.kestraVersion));
  });

  // The account's groups in this tenant become exactly these; it gains access to the tenant if it joins any.
  app.put<Route<TenantAndId>>('/api/v1/:tenant/users/:id/groups', { config: guards.tenant('GROUP', 'changeMembership') }, async (request, reply) => {
    const { tenant, id } = request.params;
    const caller = principalOf(request).user;
    const body = readBody<{ groupIds?: string[] }>(USER_GROUPS_REQUEST, request.body);
    const account = find.accountToGrantIn(ctx, caller, tenant, id);
    const wanted = [...new Set(body.groupIds ?? [])].map((groupId) => find.group(ctx, tenant, groupId));
    const current = new Set(store.groups.groupsOf(account.id, tenant).map(({ group }) => group.id));
    requireMayAddMember(ctx, caller, ...wanted.filter((g) => !current.has(g.id)));
    store.transaction(() => {
      store.groups.replaceGroupsOf(account.id, wanted.map((g) => g.id), tenant);
      if (wanted.length > 0) store.users.grantTenant(account.id, tenant);
    });
    return reply.code(204).send();
  });
};
