import type { FastifyPluginAsync } from 'fastify';
import { readBody, type BodySpec } from '../body.js';
import { guards, originOf, principalOf, type EmulatorContext, type RouteOptions } from '../context.js';
import { errors } from '../errors.js';
import { newId } from '../ids.js';
import { applyInvitation, grantsOfInvitation, INVITATION_LIFETIME_MS, invitationLink, type Invited } from '../invitations.js';
import { EXACT_OPERATIONS, readListQuery, TEXT_OPERATIONS, type ListSpec } from '../listing.js';
import type { KestraVersion } from '../permissions.js';
import { requireMayHandOut } from '../rbac.js';
import { statusOf, type Invitation, type InvitationField, type InvitedRole } from '../store/invitations.js';
import type { User } from '../store/users.js';
import { groupSummary, isoInstant, roleSummary } from '../views.js';
import type { Route, Tenant, TenantAndId } from './params.js';

/**
 * Invitations to a tenant. Inviting hands out the invitation's roles and groups (when it is accepted, or at once
 * to a user who already exists), so the inviter must hold all of it; only a superadmin invites a superadmin. A new
 * invitation is "mailed" to the outbox (README: what the emulator does with mails).
 */

const STATUSES = ['PENDING', 'ACCEPTED', 'EXPIRED'] as const;

/** The Invitation model's email rule (the spec's pattern, matched against the whole value). */
const EMAIL_PATTERN = '^$|^[a-zA-Z0-9_!#$%&’*+/=?`{|}~^.-]+@[a-zA-Z0-9.-]+$';

const CREATE_REQUEST: BodySpec = {
  javaType: 'IAMInvitationController$ApiInvitationCreateRequest',
  method: 'createInvitation',
  argument: 'request',
  fields: {
    email: { kind: 'string', required: true, pattern: EMAIL_PATTERN },
    createUserIfNotExist: { kind: 'boolean' },
    superAdmin: { kind: 'boolean' },
    roles: {
      kind: 'structList',
      javaType: 'IAMInvitationController$ApiInvitationRole',
      fields: { id: { kind: 'string', required: true }, namespaces: { kind: 'stringList' } },
    },
    groups: { kind: 'stringList' },
  },
};

interface CreateBody {
  email: string;
  createUserIfNotExist?: boolean;
  superAdmin?: boolean;
  roles?: InvitedRole[];
  groups?: string[];
}

const STATUS_PARAM = { field: 'status', javaType: 'io.kestra.ee.models.Invitation$InvitationStatus', values: STATUSES } as const;

/** 1.3 searches by the `email` and `status` parameters; 2.0 by filters on the same fields. */
const SEARCH: Record<KestraVersion, ListSpec<InvitationField>> = {
  '1.3': { params: { email: { field: 'email' }, status: STATUS_PARAM }, sort: { email: 'email' } },
  '2.0': {
    filters: { email: { field: 'email', operations: TEXT_OPERATIONS }, status: { field: 'status', operations: EXACT_OPERATIONS } },
    sort: { email: 'email' },
  },
};

/** `ApiInvitationDetail`: the invitation with summaries of the roles and groups it hands out. */
export function invitationDetail(ctx: EmulatorContext, invitation: Invitation, origin: string) {
  const { store } = ctx;
  const roles = [...new Set(invitation.roles.map((r) => r.id))].map((id) => store.roles.find(invitation.tenantId, id)).filter((r) => r !== undefined);
  return {
    id: invitation.id,
    roles: roles.map(roleSummary),
    groups: store.groups.findMany(invitation.tenantId, invitation.groupIds).map((g) => groupSummary(g, ctx.kestraVersion)),
    tenantId: invitation.tenantId,
    email: invitation.email,
    status: statusOf(invitation, ctx.clock.nowMs()),
    sentAt: isoInstant(invitation.sentAt),
    expiredAt: isoInstant(invitation.expiresAt),
    acceptedAt: invitation.acceptedAt === undefined ? undefined : isoInstant(invitation.acceptedAt),
    superAdmin: invitation.superAdmin,
    link: invitationLink(origin, invitation),
  };
}

/** The stored `Invitation` model, as the invitee lists its own: bindings name the invitee. */
function invitationModel(ctx: EmulatorContext, invitation: Invitation, invitee: User, origin: string) {
  const status = statusOf(invitation, ctx.clock.nowMs());
  const bindings = invitation.roles.flatMap((r) =>
    (r.namespaces === undefined || r.namespaces.length === 0 ? [undefined] : r.namespaces).map((namespaceId) => ({
      type: 'USER',
      externalId: invitee.id,
      roleId: r.id,
      namespaceId,
      deleted: false,
    })),
  );
  return {
    id: invitation.id,
    email: invitation.email,
    tenantId: invitation.tenantId,
    bindings,
    groupIds: invitation.groupIds,
    status,
    isExpired: status === 'EXPIRED',
    sentAt: isoInstant(invitation.sentAt),
    expiredAt: isoInstant(invitation.expiresAt),
    acceptedAt: invitation.acceptedAt === undefined ? undefined : isoInstant(invitation.acceptedAt),
    deleted: false,
    userType: 'STANDARD',
    superAdmin: invitation.superAdmin,
    link: invitationLink(origin, invitation),
  };
}

function invitationOf(ctx: EmulatorContext, tenantId: string, id: string): Invitation {
  const invitation = ctx.store.invitations.find(tenantId, id);
  if (!invitation) throw errors.NOT_FOUND('Invitation not found');
  return invitation;
}

export const invitationRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const { store } = ctx;
  const BASE = '/api/v1/:tenant/invitations';

  /**
   * 204 when the user exists (access granted at once) or is created (createUserIfNotExist), 201 (no body) when an
   * invitation is made and mailed; 409 when the user already has access or an invitation is pending.
   */
  app.post<Route<Tenant>>(BASE, { config: guards.tenant('INVITATION', 'create') }, async (request, reply) => {
    const { tenant } = request.params;
    const caller = principalOf(request).user;
    const body = readBody<CreateBody>(CREATE_REQUEST, request.body);
    const invited: Invited = { tenantId: tenant, superAdmin: body.superAdmin ?? false, roles: body.roles ?? [], groupIds: [...new Set(body.groups ?? [])] };
    if (invited.superAdmin && !caller.superAdmin) throw errors.FORBIDDEN('Insufficient privileges to invite a Superadmin user');
    requireMayHandOut(ctx, caller, tenant, grantsOfInvitation(ctx, invited), 'Insufficient privileges to create the invitation');
    const now = ctx.clock.nowMs();

    const existing = store.users.findByEmail(body.email);
    if (existing || body.createUserIfNotExist) {
      if (existing?.superAdmin && !caller.superAdmin) throw errors.FORBIDDEN('only a superadmin can manage a superadmin account');
      if (existing && store.users.hasTenantAccess(existing.id, tenant)) throw errors.CONFLICT('The user already has access to the tenant');
      store.transaction(() => {
        const user: User = existing ?? { id: newId(), type: 'STANDARD', username: body.email, email: body.email, superAdmin: false, restricted: false };
        if (!existing) store.users.insert(user);
        applyInvitation(ctx, invited, user);
      });
      return reply.code(204).send();
    }

    if (store.invitations.forEmail(body.email, tenant).some((i) => statusOf(i, now) === 'PENDING')) {
      throw errors.CONFLICT('An invitation already exists for this email');
    }
    const invitation: Invitation = { id: newId(), email: body.email, sentAt: now, expiresAt: now + INVITATION_LIFETIME_MS, ...invited };
    store.invitations.insert(invitation);
    ctx.outbox.send({ sentAt: isoInstant(now), to: body.email, subject: `You are invited to Kestra tenant ${tenant}`, link: invitationLink(originOf(request), invitation) });
    return reply.code(201).send();
  });

  app.get<Route<Tenant>>(`${BASE}/search`, { config: guards.tenant('INVITATION', 'list') }, async (request) => {
    const page = store.invitations.page(request.params.tenant, readListQuery(request.query, SEARCH[ctx.kestraVersion]), ctx.clock.nowMs());
    return { results: page.results.map((i) => invitationDetail(ctx, i, originOf(request))), total: page.total };
  });

  app.get<Route<Tenant & { email: string }>>(`${BASE}/email/:email`, { config: guards.tenant('INVITATION', 'list') }, async (request) =>
    store.invitations.forEmail(request.params.email, request.params.tenant).map((i) => invitationDetail(ctx, i, originOf(request))),
  );

  app.get<Route<TenantAndId>>(`${BASE}/:id`, { config: guards.tenant('INVITATION', 'get') }, async (request) =>
    invitationDetail(ctx, invitationOf(ctx, request.params.tenant, request.params.id), originOf(request)),
  );

  app.delete<Route<TenantAndId>>(`${BASE}/:id`, { config: guards.tenant('INVITATION', 'delete') }, async (request, reply) => {
    store.invitations.delete(invitationOf(ctx, request.params.tenant, request.params.id).id);
    return reply.code(204).send();
  });

  // The caller's own invitations, across tenants (a service account has no email, so none).
  app.get('/api/v1/me/invitations', { config: guards.authenticated }, async (request) => {
    const me = principalOf(request).user;
    if (me.type !== 'STANDARD') return [];
    return store.invitations.forEmail(me.username).map((i) => invitationModel(ctx, i, me, originOf(request)));
  });
};
