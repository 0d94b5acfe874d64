import type { EmulatorContext } from './context.js';
import { errors } from './errors.js';
import { newId } from './ids.js';
import type { Grant } from './rbac.js';
import { grantsOfGroup } from './rbac.js';
import { statusOf, type Invitation, type InvitedRole } from './store/invitations.js';
import type { User } from './store/users.js';

/**
 * What an invitation hands its invitee once accepted (or at once, to a user who already exists): access to the
 * tenant, a binding per role and namespace (tenant-wide without namespaces), its groups, and superadmin rights if
 * it says so. Roles or groups deleted since the invitation was made are skipped.
 */

/** How long an invitation can be accepted. */
export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export interface Invited {
  tenantId: string;
  superAdmin: boolean;
  roles: InvitedRole[];
  groupIds: string[];
}

const scopesOf = (role: InvitedRole): Array<string | undefined> =>
  role.namespaces === undefined || role.namespaces.length === 0 ? [undefined] : role.namespaces;

/** What accepting hands out, as grants the inviter must hold itself. */
export function grantsOfInvitation(ctx: EmulatorContext, invited: Invited): Grant[] {
  const grants: Grant[] = [];
  for (const r of invited.roles) {
    const role = ctx.store.roles.find(invited.tenantId, r.id);
    if (!role) throw errors.NOT_FOUND('Role not found');
    for (const namespace of scopesOf(r)) grants.push({ permissions: role.permissions, namespace });
  }
  for (const id of invited.groupIds) {
    if (!ctx.store.groups.find(invited.tenantId, id)) throw errors.NOT_FOUND('Group not found');
    grants.push(...grantsOfGroup(ctx, invited.tenantId, id));
  }
  return grants;
}

/** Hands the user what the invitation grants; call inside a transaction. */
export function applyInvitation(ctx: EmulatorContext, invited: Invited, user: User): void {
  const { store } = ctx;
  const tenantId = invited.tenantId;
  store.users.grantTenant(user.id, tenantId);
  for (const r of invited.roles) {
    if (!store.roles.find(tenantId, r.id)) continue;
    for (const namespace of scopesOf(r)) {
      store.bindings.insert({ id: newId(), tenantId, type: 'USER', externalId: user.id, roleId: r.id, namespace });
    }
  }
  for (const id of invited.groupIds) if (store.groups.find(tenantId, id)) store.groups.addMember(id, user.id);
  if (invited.superAdmin && !user.superAdmin) store.users.update({ ...user, superAdmin: true });
}

/** The invitation a link names, if it can still be accepted: 404 unknown, 409 accepted, 410 expired. */
export function acceptableInvitation(ctx: EmulatorContext, id: string): Invitation {
  const invitation = ctx.store.invitations.findAnywhere(id);
  if (!invitation) throw errors.NOT_FOUND('Invitation not found');
  const status = statusOf(invitation, ctx.clock.nowMs());
  if (status === 'ACCEPTED') throw errors.CONFLICT('The invitation has already been accepted');
  if (status === 'EXPIRED') throw errors.GONE('The invitation has expired');
  return invitation;
}

/** The link a mail would carry, on the emulator's own origin. */
export function invitationLink(origin: string, invitation: Pick<Invitation, 'id'>): string {
  return `${origin}/ui/invitation/${invitation.id}`;
}
