import type { FastifyPluginAsync } from 'fastify';
import { readBody, type BodySpec } from '../body.js';
import { guards, type EmulatorContext, type RouteOptions } from '../context.js';
import { errors } from '../errors.js';
import { newId } from '../ids.js';
import { containsIgnoringCase, paginate, queryText } from '../paging.js';
import type { Group, Membership } from '../store/groups.js';
import { groupDetail, groupMemberView } from '../views.js';
import * as find from './lookups.js';
import { params, query } from './params.js';

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

const MEMBERSHIPS: readonly Membership[] = ['OWNER', 'MEMBER'];

function requireFreeName(ctx: EmulatorContext, tenantId: string, name: string, exceptId?: string): void {
  const existing = ctx.store.groups.findByName(tenantId, name);
  if (existing && existing.id !== exceptId) throw errors.CONFLICT('A group with the given name already exists');
}

export const groupRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const { store } = ctx;

  app.get('/api/v1/:tenant/groups/search', { config: guards.tenant('GROUP', 'list') }, async (request) => {
    const q = queryText(query(request), 'q');
    const groups = store.groups.list(params(request).tenant!).filter((g) => q === undefined || containsIgnoringCase(g.name, q));
    return paginate(
      groups.map((g) => ({ id: g.id, name: g.name })),
      query(request),
    );
  });

  app.post('/api/v1/:tenant/groups', { config: guards.tenant('GROUP', 'create') }, async (request) => {
    const { tenant } = params(request);
    const body = readBody<{ name: string; description?: string; membersId?: string[] }>(CREATE_REQUEST, request.body);
    const members = (body.membersId ?? []).map((id) => find.anyUser(ctx, id));
    const g: Group = { id: newId(), tenantId: tenant!, name: body.name, description: body.description };
    store.transaction(() => {
      requireFreeName(ctx, tenant!, body.name);
      store.groups.insert(g);
      for (const m of members) {
        store.groups.addMember(g.id, m.id);
        store.users.grantTenant(m.id, tenant!);
      }
    });
    return groupDetail(g);
  });

  app.get('/api/v1/:tenant/groups/:id', { config: guards.tenant('GROUP', 'get') }, async (request) => {
    const { tenant, id } = params(request);
    return groupDetail(find.group(ctx, tenant!, id!));
  });

  app.put('/api/v1/:tenant/groups/:id', { config: guards.tenant('GROUP', 'update') }, async (request) => {
    const { tenant, id } = params(request);
    const body = readBody<{ name: string; description?: string }>(UPDATE_REQUEST, request.body);
    const updated: Group = { ...find.group(ctx, tenant!, id!), name: body.name, description: body.description };
    store.transaction(() => {
      requireFreeName(ctx, tenant!, body.name, updated.id);
      store.groups.update(updated);
    });
    return groupDetail(updated);
  });

  app.delete('/api/v1/:tenant/groups/:id', { config: guards.tenant('GROUP', 'delete') }, async (request, reply) => {
    const { tenant, id } = params(request);
    store.deleteGroup(find.group(ctx, tenant!, id!).id);
    return reply.code(200).send();
  });

  app.get('/api/v1/:tenant/groups/:id/members', { config: guards.tenant('GROUP', 'listMembers') }, async (request) => {
    const { tenant, id } = params(request);
    const g = find.group(ctx, tenant!, id!);
    const q = queryText(query(request), 'q');
    const members = store.groups
      .memberIds(g.id)
      .map((userId) => store.users.find(userId))
      .filter((u) => u !== undefined)
      .filter((u) => q === undefined || containsIgnoringCase(u.username, q));
    return paginate(
      members.map((u) => groupMemberView(store, u, tenant!)),
      query(request),
    );
  });

  app.put('/api/v1/:tenant/groups/:id/members/:userId', { config: guards.tenant('GROUP', 'addMember') }, async (request) => {
    const { tenant, id, userId } = params(request);
    const g = find.group(ctx, tenant!, id!);
    const user = find.anyUser(ctx, userId!);
    if (store.groups.membershipOf(g.id, user.id)) throw errors.CONFLICT('User is already a member of the group');
    store.transaction(() => {
      store.groups.addMember(g.id, user.id);
      store.users.grantTenant(user.id, tenant!);
    });
    return groupMemberView(store, user, tenant!);
  });

  app.put(
    '/api/v1/:tenant/groups/:id/members/membership/:userId',
    { config: guards.tenant('GROUP', 'changeMembership') },
    async (request) => {
      const { tenant, id, userId } = params(request);
      const membership = queryText(query(request), 'membership');
      if (membership === undefined) throw errors.BAD_REQUEST('Required QueryValue [membership] not specified');
      if (!MEMBERSHIPS.includes(membership as Membership)) {
        throw errors.BAD_REQUEST(`membership must be one of ${MEMBERSHIPS.join(', ')}`);
      }
      const g = find.group(ctx, tenant!, id!);
      const user = find.anyUser(ctx, userId!);
      if (!store.groups.membershipOf(g.id, user.id)) throw errors.CONFLICT('User is not a member of the group');
      store.groups.setMembership(g.id, user.id, membership as Membership);
      return groupMemberView(store, user, tenant!);
    },
  );

  app.delete('/api/v1/:tenant/groups/:id/members/:userId', { config: guards.tenant('GROUP', 'removeMember') }, async (request) => {
    const { tenant, id, userId } = params(request);
    const g = find.group(ctx, tenant!, id!);
    const user = find.anyUser(ctx, userId!);
    if (!store.groups.membershipOf(g.id, user.id)) throw errors.CONFLICT('User is not a member of the group');
    store.groups.removeMember(g.id, user.id);
    return groupMemberView(store, user, tenant!);
  });
};
