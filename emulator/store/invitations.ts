import { prepared, type Db } from './database.js';
import { Where, type ListQuery, type Page } from './query.js';

export type InvitationStatus = 'PENDING' | 'ACCEPTED' | 'EXPIRED';

/** A role an invitation hands out, tenant-wide or in each of the namespaces. */
export interface InvitedRole {
  id: string;
  namespaces?: string[] | undefined;
}

export interface Invitation {
  id: string;
  tenantId: string;
  email: string;
  superAdmin: boolean;
  roles: InvitedRole[];
  groupIds: string[];
  sentAt: number;
  expiresAt: number;
  acceptedAt?: number | undefined;
}

export type InvitationField = 'email' | 'status';

interface Row {
  id: string;
  tenant_id: string;
  email: string;
  super_admin: number;
  roles: string;
  group_ids: string;
  sent_at: number;
  expires_at: number;
  accepted_at: number | null;
}

const toInvitation = (r: Row): Invitation => ({
  id: r.id,
  tenantId: r.tenant_id,
  email: r.email,
  superAdmin: r.super_admin === 1,
  roles: JSON.parse(r.roles) as InvitedRole[],
  groupIds: JSON.parse(r.group_ids) as string[],
  sentAt: r.sent_at,
  expiresAt: r.expires_at,
  acceptedAt: r.accepted_at ?? undefined,
});

export function statusOf(invitation: Invitation, nowMs: number): InvitationStatus {
  if (invitation.acceptedAt !== undefined) return 'ACCEPTED';
  return nowMs >= invitation.expiresAt ? 'EXPIRED' : 'PENDING';
}

/** The status as SQL, against the instant given as its one parameter. */
const STATUS_SQL = "(CASE WHEN accepted_at IS NOT NULL THEN 'ACCEPTED' WHEN expires_at <= ? THEN 'EXPIRED' ELSE 'PENDING' END)";

export class InvitationRepository {
  constructor(private readonly db: Db) {}

  find(tenantId: string, id: string): Invitation | undefined {
    const r = prepared(this.db, 'SELECT * FROM invitations WHERE tenant_id = ? AND id = ?').get(tenantId, id) as Row | undefined;
    return r && toInvitation(r);
  }

  /** An invitation by id in any tenant: the links that accept one name it by id only. */
  findAnywhere(id: string): Invitation | undefined {
    const r = prepared(this.db, 'SELECT * FROM invitations WHERE id = ?').get(id) as Row | undefined;
    return r && toInvitation(r);
  }

  /** Invitations of an email, ignoring case, in one tenant or all of them. */
  forEmail(email: string, tenantId?: string): Invitation[] {
    const sql =
      'SELECT * FROM invitations WHERE email = ? COLLATE NOCASE' + (tenantId === undefined ? '' : ' AND tenant_id = ?') + ' ORDER BY rowid';
    const params = tenantId === undefined ? [email] : [email, tenantId];
    return (prepared(this.db, sql).all(...params) as Row[]).map(toInvitation);
  }

  /** One page of a tenant's invitations; statuses are judged at `nowMs`. */
  page(tenantId: string, query: ListQuery<InvitationField>, nowMs: number): Page<Invitation> {
    const where = new Where().add('tenant_id = ?', tenantId);
    for (const t of query.texts) where.substringOfAny(['email'], t.value, t.negated);
    for (const c of query.conditions) {
      if (c.field === 'email') where.condition({ sql: 'email' }, c);
      else {
        const values = Array.isArray(c.value) ? c.value : [c.value];
        const negated = c.operation === 'NOT_EQUALS' || c.operation === 'NOT_IN';
        where.add(`${STATUS_SQL} ${negated ? 'NOT IN' : 'IN'} (SELECT value FROM json_each(?))`, nowMs, JSON.stringify(values));
      }
    }
    const sort = query.sort;
    const order = sort === undefined ? ' ORDER BY rowid' : ` ORDER BY email COLLATE NOCASE ${sort.descending ? 'DESC' : 'ASC'}, rowid`;
    const rows = prepared(this.db, `SELECT * FROM invitations${where.sql}${order} LIMIT ? OFFSET ?`).all(...where.params, query.limit, query.offset);
    const total = prepared(this.db, `SELECT count(*) FROM invitations${where.sql}`).pluck().get(...where.params) as number;
    return { results: (rows as Row[]).map(toInvitation), total };
  }

  insert(i: Invitation): void {
    prepared(
      this.db,
      'INSERT INTO invitations (id, tenant_id, email, super_admin, roles, group_ids, sent_at, expires_at, accepted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(i.id, i.tenantId, i.email, i.superAdmin ? 1 : 0, JSON.stringify(i.roles), JSON.stringify(i.groupIds), i.sentAt, i.expiresAt, i.acceptedAt ?? null);
  }

  markAccepted(id: string, atMs: number): void {
    prepared(this.db, 'UPDATE invitations SET accepted_at = ? WHERE id = ?').run(atMs, id);
  }

  delete(id: string): void {
    prepared(this.db, 'DELETE FROM invitations WHERE id = ?').run(id);
  }
}

/** Password resets, known by the SHA-256 of their token; one per user at a time. */
export class PasswordResetRepository {
  constructor(private readonly db: Db) {}

  replace(userId: string, tokenHash: string, expiresAt: number): void {
    prepared(this.db, 'DELETE FROM password_resets WHERE user_id = ?').run(userId);
    prepared(this.db, 'INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES (?, ?, ?)').run(tokenHash, userId, expiresAt);
  }

  find(tokenHash: string): { userId: string; expiresAt: number } | undefined {
    const sql = 'SELECT user_id AS userId, expires_at AS expiresAt FROM password_resets WHERE token_hash = ?';
    return prepared(this.db, sql).get(tokenHash) as { userId: string; expiresAt: number } | undefined;
  }

  delete(tokenHash: string): void {
    prepared(this.db, 'DELETE FROM password_resets WHERE token_hash = ?').run(tokenHash);
  }
}
