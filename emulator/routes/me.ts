import type { FastifyPluginAsync } from 'fastify';
import { readBody, type BodySpec } from '../body.js';
import { guards, principalOf, type EmulatorContext, type RouteOptions } from '../context.js';
import { errors } from '../errors.js';
import { hashPassword, passwordMatches } from '../secrets.js';
import type { User } from '../store/users.js';
import { meView } from '../views.js';
import { requireFreeEmail, requireUsablePassword } from './lookups.js';

/**
 * The caller itself: its profile and its password. A service account has neither (it authenticates with tokens
 * only), and a restricted (demo) user may not change them: both get 403.
 */

const DETAILS_REQUEST: BodySpec = {
  javaType: 'MeController$ApiUserDetailsRequest',
  method: 'patchCurrentUser',
  argument: 'request',
  fields: { firstName: { kind: 'string' }, lastName: { kind: 'string' }, email: { kind: 'string', notBlank: true } },
};

const PASSWORD_REQUEST: BodySpec = {
  javaType: 'MeController$ApiUpdatePasswordRequest',
  method: 'updateCurrentUserPassword',
  argument: 'request',
  fields: { oldPassword: { kind: 'string', required: true }, newPassword: { kind: 'string', required: true, notBlank: true } },
};

function requireOwnProfile(me: User): void {
  if (me.type === 'SERVICE_ACCOUNT') throw errors.FORBIDDEN('a service account has no profile or password');
  if (me.restricted) throw errors.FORBIDDEN('a restricted user cannot change its profile or password');
}

function view(ctx: EmulatorContext, me: User) {
  return meView(ctx.store.relations([me]), me, ctx.store.tenants.list());
}

export const meRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const { store } = ctx;

  app.get('/api/v1/me', { config: guards.authenticated }, async (request) => view(ctx, principalOf(request).user));

  // Absent fields keep their value; the email is the username, so changing it changes the login.
  app.patch('/api/v1/me', { config: guards.authenticated }, async (request) => {
    const body = readBody<{ firstName?: string; lastName?: string; email?: string }>(DETAILS_REQUEST, request.body);
    const me = principalOf(request).user;
    requireOwnProfile(me);
    const email = body.email ?? me.username;
    const updated: User = { ...me, username: email, email, firstName: body.firstName ?? me.firstName, lastName: body.lastName ?? me.lastName };
    store.transaction(() => {
      requireFreeEmail(ctx, email, me.id);
      store.users.update(updated);
    });
    return view(ctx, updated);
  });

  app.put('/api/v1/me/password', { config: guards.authenticated }, async (request) => {
    const body = readBody<{ oldPassword: string; newPassword: string }>(PASSWORD_REQUEST, request.body);
    const me = principalOf(request).user;
    requireOwnProfile(me);
    const current = me.passwordSalt === undefined || me.passwordHash === undefined ? undefined : { salt: me.passwordSalt, hash: me.passwordHash };
    if (current === undefined || !passwordMatches(current, body.oldPassword)) {
      throw errors.ILLEGAL_ARGUMENT('The old password is not the current password');
    }
    requireUsablePassword('updateCurrentUserPassword.request.newPassword', body.newPassword);
    const secret = hashPassword(body.newPassword);
    const updated: User = { ...me, passwordSalt: secret.salt, passwordHash: secret.hash };
    store.users.update(updated);
    return view(ctx, updated);
  });
};
