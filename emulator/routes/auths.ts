import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { createHash, randomBytes } from 'node:crypto';
import { readBody, type BodySpec } from '../body.js';
import { guards, originOf, type EmulatorContext, type RouteOptions } from '../context.js';
import { errors } from '../errors.js';
import { newId } from '../ids.js';
import { acceptableInvitation, applyInvitation } from '../invitations.js';
import { queryText } from '../listing.js';
import { hashPassword } from '../secrets.js';
import type { User } from '../store/users.js';
import { isoInstant } from '../views.js';
import { passwordProblem, requireFreeEmail, requireUsablePassword } from './lookups.js';

/**
 * The operations the spec gives no security, used before anyone is signed in: the sign-in methods, password
 * reset, and accepting an invitation from its link. None of them tells whether an account exists: a reset is
 * always 200, and an invitation is known by an id nobody can guess (a random 122-bit id, as every id here).
 */

/** How long a password reset link works. */
const RESET_LIFETIME_MS = 60 * 60 * 1000;

const RESET_REQUEST: BodySpec = {
  javaType: 'AuthController$ResetPasswordRequest',
  method: 'resetPassword',
  argument: 'request',
  fields: { token: { kind: 'string', required: true }, password: { kind: 'string', required: true } },
};

const FORGOTTEN_REQUEST: BodySpec = {
  javaType: 'AuthController$ForgottenPasswordRequest',
  method: 'forgottenPassword',
  argument: 'request',
  fields: { username: { kind: 'string' } },
};

const INVITED_USER_REQUEST: BodySpec = {
  javaType: 'AuthController$InvitationUserRequest',
  method: 'createFromInvitation',
  argument: 'request',
  fields: {
    firstName: { kind: 'string', required: true },
    lastName: { kind: 'string', required: true },
    password: { kind: 'string', required: true },
  },
};

const tokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** Starts a password reset for the user of that name, if there is one: a single-use token, mailed to the outbox. */
function startPasswordReset(ctx: EmulatorContext, request: FastifyRequest, username: string | undefined): Record<string, never> {
  const user = username === undefined ? undefined : ctx.store.users.findByEmail(username);
  if (user) {
    const token = randomBytes(32).toString('base64url');
    const now = ctx.clock.nowMs();
    ctx.store.passwordResets.replace(user.id, tokenHash(token), now + RESET_LIFETIME_MS);
    ctx.outbox.send({ sentAt: isoInstant(now), to: user.username, subject: 'Reset your Kestra password', link: `${originOf(request)}/ui/reset-password?token=${token}` });
  }
  return {};
}

interface InvitationId {
  invitationId: string;
}

export const authRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const { store } = ctx;

  // Mails are "sent" to the outbox (README), so they are enabled; passwordless sign-in is not emulated.
  app.get('/api/v1/auths', { config: guards.anonymous }, async () => ({
    loginPassword: true,
    mailsEnabled: true,
    passwordless: false,
    oauths: [],
  }));

  if (ctx.kestraVersion === '1.3') {
    app.get('/api/v1/forgotten-password', { config: guards.anonymous }, async (request) => {
      const username = queryText(request.query as Record<string, unknown>, 'username');
      if (username === undefined) throw errors.MISSING_QUERY_VALUE('username');
      return startPasswordReset(ctx, request, username);
    });
  } else {
    app.post('/api/v1/forgotten-password', { config: guards.anonymous }, async (request) =>
      startPasswordReset(ctx, request, readBody<{ username?: string }>(FORGOTTEN_REQUEST, request.body).username),
    );
  }

  // A password the policy refuses leaves the token usable, so the user can retry.
  app.post('/api/v1/reset-password', { config: guards.anonymous }, async (request) => {
    const body = readBody<{ token: string; password: string }>(RESET_REQUEST, request.body);
    const reset = store.passwordResets.find(tokenHash(body.token));
    const user = reset === undefined || ctx.clock.nowMs() >= reset.expiresAt ? undefined : store.users.find(reset.userId);
    if (!user) throw errors.NOT_FOUND('Invalid or expired password reset token');
    requireUsablePassword('resetPassword.request.password', body.password);
    const secret = hashPassword(body.password);
    store.transaction(() => {
      store.users.update({ ...user, passwordSalt: secret.salt, passwordHash: secret.hash });
      store.passwordResets.delete(tokenHash(body.token));
    });
    return {};
  });

  // Passwordless sign-in is off (`/api/v1/auths`): no code is sent, and the answer is the same for every email.
  app.get('/api/v1/request-code/:email', { config: guards.anonymous }, async () => ({}));

  if (ctx.kestraVersion === '2.0') {
    app.register(async (plain) => {
      plain.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => done(null, body));
      plain.post('/api/v1/validate-password', { config: guards.anonymous }, async (request, reply) => {
        if (!String(request.headers['content-type'] ?? '').startsWith('text/plain')) {
          throw errors.UNSUPPORTED_MEDIA_TYPE(request.headers['content-type'] ?? '');
        }
        if (typeof request.body !== 'string' || request.body === '') throw errors.MISSING_BODY('password');
        const problem = passwordProblem(request.body);
        if (problem !== undefined) throw errors.INVALID_ENTITY([{ message: problem, path: 'validatePassword.password' }], `validatePassword.password: ${problem}`);
        return reply.code(200).send();
      });
    });
  }

  // An existing user joins the tenant with what the invitation hands out.
  app.post<{ Params: InvitationId }>('/api/v1/invitation/accept/:invitationId', { config: guards.anonymous }, async (request) => {
    const invitation = acceptableInvitation(ctx, request.params.invitationId);
    const user = store.users.findByEmail(invitation.email);
    if (!user) throw errors.NOT_FOUND('User not found');
    store.transaction(() => {
      applyInvitation(ctx, invitation, user);
      store.invitations.markAccepted(invitation.id, ctx.clock.nowMs());
    });
    return {};
  });

  // Someone without an account creates it from the invitation, with a password, and joins.
  app.post<{ Params: InvitationId }>('/api/v1/invitation/create/:invitationId', { config: guards.anonymous }, async (request) => {
    const body = readBody<{ firstName: string; lastName: string; password: string }>(INVITED_USER_REQUEST, request.body);
    const invitation = acceptableInvitation(ctx, request.params.invitationId);
    requireUsablePassword('createFromInvitation.request.password', body.password);
    const secret = hashPassword(body.password);
    const user: User = {
      id: newId(),
      type: 'STANDARD',
      username: invitation.email,
      email: invitation.email,
      firstName: body.firstName,
      lastName: body.lastName,
      passwordSalt: secret.salt,
      passwordHash: secret.hash,
      superAdmin: false,
      restricted: false,
    };
    store.transaction(() => {
      requireFreeEmail(ctx, invitation.email);
      store.users.insert(user);
      applyInvitation(ctx, invitation, user);
      store.invitations.markAccepted(invitation.id, ctx.clock.nowMs());
    });
    return {};
  });
};
