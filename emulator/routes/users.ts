import type { FastifyPluginAsync } from 'fastify';
import { readBody, type BodySpec } from '../body.js';
import { guards, principalOf, type EmulatorContext, type RouteOptions } from '../context.js';
import { errors } from '../errors.js';
import { newId } from '../ids.js';
import { readListQuery, TEXT_OPERATIONS, type ListSpec } from '../listing.js';
import type { KestraVersion } from '../permissions.js';
import { hashPassword } from '../secrets.js';
import type { AccountField, User } from '../store/users.js';
import { meView, userSummary, userView } from '../views.js';
import * as find from './lookups.js';
import type { Id, QueryRoute, Route } from './params.js';

const userRequest = (method: string): BodySpec => ({
  javaType: 'IAMUserController$ApiCreateOrUpdateUserRequest',
  method,
  argument: 'request',
  fields: {
    email: { kind: 'string', required: true, notBlank: true },
    tenants: { kind: 'stringList' },
    groups: { kind: 'stringList' },
    firstName: { kind: 'string' },
    lastName: { kind: 'string' },
    password: { kind: 'string' },
    superAdmin: { kind: 'boolean' },
    restricted: { kind: 'boolean' },
  },
});

const PASSWORD_REQUEST: BodySpec = {
  javaType: 'IAMUserController$ApiPatchUserPasswordRequest',
  method: 'patchUserPassword',
  argument: 'request',
  fields: { password: { kind: 'string', required: true, notBlank: true } },
};

const SUPERADMIN_REQUEST: BodySpec = {
  javaType: 'ApiPatchSuperAdminRequest',
  method: 'patchUserSuperAdmin',
  argument: 'request',
  fields: { superAdmin: { kind: 'boolean', required: true } },
};

interface UserBody {
  email: string;
  tenants?: string[];
  groups?: string[];
  firstName?: string;
  lastName?: string;
  password?: string;
  superAdmin?: boolean;
  restricted?: boolean;
}

const USERNAME = { field: 'username', operations: TEXT_OPERATIONS } as const;
const SORT = { username: 'username', email: 'email', id: 'id' } as const;

/** 1.3 has `q` and the filters its field enum offers (q, username); 2.0 filters only, with `email` too. */
const LIST: Record<KestraVersion, ListSpec<AccountField>> = {
  '1.3': { q: true, filters: { username: USERNAME }, sort: SORT },
  '2.0': { filters: { username: USERNAME, email: { field: 'email', operations: TEXT_OPERATIONS } }, sort: SORT },
};

/** Tenant access is the listed tenants plus the tenants of the listed groups; all must exist. */
function resolveAccess(ctx: EmulatorContext, body: UserBody): { tenants: string[]; groups: string[] } {
  const tenants = body.tenants ?? [];
  find.requireTenantsExist(ctx, tenants);
  const groups = (body.groups ?? []).map((id) => {
    const g = ctx.store.groups.findAnywhere(id);
    if (!g) throw errors.NOT_FOUND('Group not found');
    return g;
  });
  return { tenants: [...new Set([...tenants, ...groups.map((g) => g.tenantId)])], groups: groups.map((g) => g.id) };
}

/** Emails are unique, ignoring case. */
function requireFreeEmail(ctx: EmulatorContext, email: string, exceptId?: string): void {
  const existing = ctx.store.users.findByEmail(email);
  if (existing && existing.id !== exceptId) throw errors.CONFLICT(`A user with the email '${email}' already exists`);
}

export const userRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const { store } = ctx;

  app.get<QueryRoute>('/api/v1/users', { config: guards.superadmin }, async (request) => {
    const page = store.users.page({ types: ['STANDARD'] }, readListQuery(request.query, LIST[ctx.kestraVersion]));
    const rel = store.relations(page.results);
    return { results: page.results.map((u) => userSummary(rel, u)), total: page.total };
  });

  app.post('/api/v1/users', { config: guards.superadmin }, async (request, reply) => {
    const body = readBody<UserBody>(userRequest('createUser'), request.body);
    const access = resolveAccess(ctx, body);
    const secret = body.password === undefined ? undefined : hashPassword(body.password);
    const user: User = {
      id: newId(),
      type: 'STANDARD',
      username: body.email,
      email: body.email,
      firstName: body.firstName,
      lastName: body.lastName,
      passwordSalt: secret?.salt,
      passwordHash: secret?.hash,
      superAdmin: body.superAdmin ?? false,
      restricted: body.restricted ?? false,
    };
    store.transaction(() => {
      requireFreeEmail(ctx, body.email);
      store.users.insert(user);
      store.users.setTenants(user.id, access.tenants);
      store.groups.replaceGroupsOf(user.id, access.groups);
    });
    return reply.code(201).send(userView(store.relations([user]), user));
  });

  app.get<Route<Id>>('/api/v1/users/:id', { config: guards.superadmin }, async (request) => {
    const user = find.standardUser(ctx, request.params.id);
    return userView(store.relations([user]), user);
  });

  // Tenants and groups are replaced by what the request lists; a missing password keeps the current one.
  app.put<Route<Id>>('/api/v1/users/:id', { config: guards.superadmin }, async (request) => {
    const body = readBody<UserBody>(userRequest('updateUser'), request.body);
    const user = find.standardUser(ctx, request.params.id);
    const access = resolveAccess(ctx, body);
    const secret = body.password === undefined ? undefined : hashPassword(body.password);
    const updated: User = {
      ...user,
      username: body.email,
      email: body.email,
      firstName: body.firstName,
      lastName: body.lastName,
      passwordSalt: secret?.salt ?? user.passwordSalt,
      passwordHash: secret?.hash ?? user.passwordHash,
      superAdmin: body.superAdmin ?? user.superAdmin,
      restricted: body.restricted ?? user.restricted,
    };
    store.transaction(() => {
      requireFreeEmail(ctx, body.email, user.id);
      store.users.update(updated);
      store.users.setTenants(user.id, access.tenants);
      store.groups.replaceGroupsOf(user.id, access.groups);
    });
    return userView(store.relations([updated]), updated);
  });

  app.delete<Route<Id>>('/api/v1/users/:id', { config: guards.superadmin }, async (request, reply) => {
    store.deleteUser(find.standardUser(ctx, request.params.id).id);
    return reply.code(204).send();
  });

  app.patch<Route<Id>>('/api/v1/users/:id/password', { config: guards.superadmin }, async (request) => {
    const body = readBody<{ password: string }>(PASSWORD_REQUEST, request.body);
    const user = find.standardUser(ctx, request.params.id);
    const secret = hashPassword(body.password);
    const updated: User = { ...user, passwordSalt: secret.salt, passwordHash: secret.hash };
    store.users.update(updated);
    return userView(store.relations([updated]), updated);
  });

  app.patch<Route<Id>>('/api/v1/users/:id/superadmin', { config: guards.superadmin }, async (request, reply) => {
    const body = readBody<{ superAdmin: boolean }>(SUPERADMIN_REQUEST, request.body);
    const user = find.standardUser(ctx, request.params.id);
    store.users.update({ ...user, superAdmin: body.superAdmin });
    return reply.code(200).send();
  });

  app.get('/api/v1/me', { config: guards.authenticated }, async (request) => {
    const me = principalOf(request).user;
    return meView(store.relations([me]), me, store.tenants.list());
  });
};
