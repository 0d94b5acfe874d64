import type { FastifyPluginAsync } from 'fastify';
import { readBody, type BodySpec } from '../body.js';
import { guards, type EmulatorContext, type RouteOptions } from '../context.js';
import { errors } from '../errors.js';
import { newId } from '../ids.js';
import { readListQuery, TEXT_OPERATIONS, type ListSpec } from '../listing.js';
import type { KestraVersion } from '../permissions.js';
import { hashPassword } from '../secrets.js';
import type { AccountField, User } from '../store/users.js';
import { passwordAuthId, userSummary, userView } from '../views.js';
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

const DETAILS_REQUEST: BodySpec = {
  javaType: 'MeController$ApiUserDetailsRequest',
  method: 'patchUser',
  argument: 'request',
  fields: { firstName: { kind: 'string' }, lastName: { kind: 'string' }, email: { kind: 'string', notBlank: true } },
};

const RESTRICTED_REQUEST: BodySpec = {
  javaType: 'IAMUserController$ApiPatchRestrictedRequest',
  method: 'patchUserDemo',
  argument: 'request',
  fields: { restricted: { kind: 'boolean', required: true } },
};

/** The groups a request names, which must exist (in any tenant: a user's groups span tenants). */
function groupsNamed(ctx: EmulatorContext, ids: string[]) {
  return ids.map((id) => {
    const g = ctx.store.groups.findAnywhere(id);
    if (!g) throw errors.NOT_FOUND('Group not found');
    return g;
  });
}

function secretOf(method: string, password: string | undefined) {
  if (password === undefined) return undefined;
  find.requireUsablePassword(`${method}.request.password`, password);
  return hashPassword(password);
}

/**
 * Tenant access and groups as a create or update request states them. Tenants the request lists, and those of the
 * groups it lists, are granted. On update, an absent list keeps what is there; a listed `tenants` replaces the
 * account's access, and a tenant it leaves out is revoked with all the user held there (bindings, memberships).
 */
function applyAccess(ctx: EmulatorContext, user: User, body: UserBody, replacing: boolean): void {
  const { store } = ctx;
  const groups = body.groups === undefined ? undefined : groupsNamed(ctx, body.groups);
  const granted = [...new Set([...(body.tenants ?? []), ...(groups ?? []).map((g) => g.tenantId)])];
  if (groups !== undefined) store.groups.replaceGroupsOf(user.id, groups.map((g) => g.id));
  if (replacing && body.tenants !== undefined) {
    for (const tenant of store.users.tenantIds(user.id)) if (!granted.includes(tenant)) store.revokeTenantAccess(user.id, tenant);
  }
  for (const tenant of granted) store.users.grantTenant(user.id, tenant);
}

interface AuthParams extends Id {
  auth: string;
}

export const userRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const { store } = ctx;
  const view = (u: User) => userView(store.relations([u]), u);

  app.get<QueryRoute>('/api/v1/users', { config: guards.superadmin }, async (request) => {
    const page = store.users.page({ types: ['STANDARD'] }, readListQuery(request.query, LIST[ctx.kestraVersion]));
    const rel = store.relations(page.results);
    return { results: page.results.map((u) => userSummary(rel, u)), total: page.total };
  });

  app.post('/api/v1/users', { config: guards.superadmin }, async (request, reply) => {
    const body = readBody<UserBody>(userRequest('createUser'), request.body);
    find.requireTenantsExist(ctx, body.tenants ?? []);
    const secret = secretOf('createUser', body.password);
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
      find.requireFreeEmail(ctx, body.email);
      store.users.insert(user);
      applyAccess(ctx, user, body, false);
    });
    return reply.code(201).send(view(user));
  });

  app.get<Route<Id>>('/api/v1/users/:id', { config: guards.superadmin }, async (request) => view(find.standardUser(ctx, request.params.id)));

  // Names are replaced (an absent one is cleared); a missing password, superAdmin or restricted keeps its value.
  app.put<Route<Id>>('/api/v1/users/:id', { config: guards.superadmin }, async (request) => {
    const body = readBody<UserBody>(userRequest('updateUser'), request.body);
    const user = find.standardUser(ctx, request.params.id);
    find.requireTenantsExist(ctx, body.tenants ?? []);
    const secret = secretOf('updateUser', body.password);
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
      find.requireFreeEmail(ctx, body.email, user.id);
      store.users.update(updated);
      applyAccess(ctx, updated, body, true);
    });
    return view(updated);
  });

  // Details only: absent fields keep their value.
  app.patch<Route<Id>>('/api/v1/users/:id', { config: guards.superadmin }, async (request) => {
    const body = readBody<{ firstName?: string; lastName?: string; email?: string }>(DETAILS_REQUEST, request.body);
    const user = find.standardUser(ctx, request.params.id);
    const email = body.email ?? user.username;
    const updated: User = { ...user, username: email, email, firstName: body.firstName ?? user.firstName, lastName: body.lastName ?? user.lastName };
    store.transaction(() => {
      find.requireFreeEmail(ctx, email, user.id);
      store.users.update(updated);
    });
    return view(updated);
  });

  app.delete<Route<Id>>('/api/v1/users/:id', { config: guards.superadmin }, async (request, reply) => {
    store.deleteUser(find.standardUser(ctx, request.params.id).id);
    return reply.code(204).send();
  });

  app.patch<Route<Id>>('/api/v1/users/:id/password', { config: guards.superadmin }, async (request) => {
    const body = readBody<{ password: string }>(PASSWORD_REQUEST, request.body);
    const user = find.standardUser(ctx, request.params.id);
    const secret = secretOf('patchUserPassword', body.password)!;
    const updated: User = { ...user, passwordSalt: secret.salt, passwordHash: secret.hash };
    store.users.update(updated);
    return view(updated);
  });

  app.patch<Route<Id>>('/api/v1/users/:id/superadmin', { config: guards.superadmin }, async (request, reply) => {
    const body = readBody<{ superAdmin: boolean }>(SUPERADMIN_REQUEST, request.body);
    const user = find.standardUser(ctx, request.params.id);
    store.users.update({ ...user, superAdmin: body.superAdmin });
    return reply.code(200).send();
  });

  app.patch<Route<Id>>('/api/v1/users/:id/restricted', { config: guards.superadmin }, async (request, reply) => {
    const body = readBody<{ restricted: boolean }>(RESTRICTED_REQUEST, request.body);
    const user = find.standardUser(ctx, request.params.id);
    store.users.update({ ...user, restricted: body.restricted });
    return reply.code(200).send();
  });

  // An authentication method is the password (`<id>-basic`) or one of the user's API tokens.
  app.delete<Route<AuthParams>>('/api/v1/users/:id/auths/:auth', { config: guards.superadmin }, async (request) => {
    const { id, auth } = request.params;
    const user = store.users.findOfType(id, 'STANDARD');
    if (!user) throw errors.NOT_FOUND('User or auth method not found');
    if (auth === passwordAuthId(user) && user.passwordHash !== undefined) {
      const updated: User = { ...user, passwordSalt: undefined, passwordHash: undefined };
      store.users.update(updated);
      return view(updated);
    }
    if (!store.tokens.findForOwner(user.id, auth)) throw errors.NOT_FOUND('User or auth method not found');
    store.tokens.delete(auth);
    return view(user);
  });

  // Impersonation signs the caller in as the user with a JWT cookie; the emulator has no sessions (README).
  app.post<Route<Id>>('/api/v1/users/:id/impersonate', { config: guards.superadmin }, async (request) => {
    find.standardUser(ctx, request.params.id);
    return {};
  });

  // The emulator issues no refresh tokens (no UI sessions): there is never one to delete.
  app.delete<Route<Id>>('/api/v1/users/:id/refresh-token', { config: guards.superadmin }, async (request, reply) => {
    find.standardUser(ctx, request.params.id);
    return reply.code(204).send();
  });
};
