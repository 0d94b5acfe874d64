import type { EmulatorContext, Principal } from './context.js';
import { errors } from './errors.js';
import { passwordMatches, tokenMatches, tokenPrefixOf } from './secrets.js';

/**
 * Authenticates a request from its Authorization header as Kestra does: HTTP Basic with a user's
 * username (email) and password, or `Bearer <API token>`. Any failure is the same bare 401.
 */
export function authenticate(ctx: EmulatorContext, authorization: string | undefined): Principal {
  const m = authorization === undefined ? null : /^(\w+)\s+(.*)$/s.exec(authorization.trim());
  if (!m) throw errors.UNAUTHORIZED();
  const scheme = m[1]!.toLowerCase();
  const credentials = m[2]!.trim();
  const principal = scheme === 'basic' ? basic(ctx, credentials) : scheme === 'bearer' ? bearer(ctx, credentials) : undefined;
  if (!principal) throw errors.UNAUTHORIZED();
  return principal;
}

function basic(ctx: EmulatorContext, encoded: string): Principal | undefined {
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  const user = ctx.store.users.findByUsername('STANDARD', decoded.slice(0, colon));
  if (!user || user.passwordSalt === undefined || user.passwordHash === undefined) return undefined;
  const ok = passwordMatches({ salt: user.passwordSalt, hash: user.passwordHash }, decoded.slice(colon + 1));
  return ok ? { user } : undefined;
}

function bearer(ctx: EmulatorContext, presented: string): Principal | undefined {
  const prefix = tokenPrefixOf(presented);
  if (prefix === undefined) return undefined;
  const token = ctx.store.tokens.findByPrefix(prefix).find((t) => tokenMatches(t, presented));
  if (!token) return undefined;
  const now = ctx.clock.nowMs();
  if (token.expiresAt !== undefined && now >= token.expiresAt) return undefined;
  const user = ctx.store.users.find(token.ownerId);
  if (!user) return undefined;
  // An extended token's expiry moves to last use + maxAge on every authenticated request.
  const expiresAt = token.extended && token.maxAgeMs !== undefined ? now + token.maxAgeMs : token.expiresAt;
  ctx.store.tokens.recordUse(token.id, now, expiresAt);
  return { user };
}
