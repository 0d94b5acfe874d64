import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { MAX_JAVA_DURATION, isWithinJavaDurationBound, parseJavaDurationMillis } from '../../common/java-duration.js';
import { DNS_NAME_PATTERN, readBody, type BodySpec } from '../body.js';
import { guards, principalOf, type EmulatorContext, type RouteOptions } from '../context.js';
import { errors } from '../errors.js';
import { newId } from '../ids.js';
import { requirementFor } from '../permissions.js';
import { requireMayHandOutEverythingOf } from '../rbac.js';
import { generateToken } from '../secrets.js';
import type { User } from '../store/users.js';
import { apiTokenView } from '../views.js';
import * as find from './lookups.js';
import type { Id, Route, TenantAndId } from './params.js';

const createRequest = (method: string): BodySpec => ({
  javaType: 'CreateApiTokenRequest',
  method,
  argument: 'request',
  fields: {
    name: { kind: 'string', required: true, pattern: DNS_NAME_PATTERN },
    description: { kind: 'string' },
    maxAge: { kind: 'string' },
    extended: { kind: 'boolean' },
  },
});

interface CreateBody {
  name: string;
  description?: string;
  maxAge?: string;
  extended?: boolean;
}

/**
 * maxAge is a java.time.Duration: blank means a token that never expires, bad text fails deserialization, and a
 * lifetime beyond the bound (an expiry no date-time can hold) is refused as a constraint violation.
 */
function maxAgeMillis(text: string | undefined, operation: string): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const ms = parseJavaDurationMillis(text);
  if (ms === undefined) {
    const path = 'CreateApiTokenRequest["maxAge"]';
    throw errors.INVALID_JSON_MAPPING([
      {
        message: `Failed to convert argument [request] for value [null] due to: Cannot deserialize value of type \`java.time.Duration\` from String ${JSON.stringify(text)}: Failed to deserialize java.time.Duration: (java.time.format.DateTimeParseException) Text cannot be parsed to a Duration (through reference chain: ${path})`,
        path,
      },
    ]);
  }
  if (!isWithinJavaDurationBound(ms)) {
    const path = `${operation}.request.maxAge`;
    const message = `must not be longer than ${MAX_JAVA_DURATION}`;
    throw errors.INVALID_ENTITY([{ message, path }], `${path}: ${message}`);
  }
  return Math.trunc(ms);
}

function createToken(ctx: EmulatorContext, owner: User, body: CreateBody, maxAgeMs: number | undefined) {
  const now = ctx.clock.nowMs();
  const secret = generateToken();
  const id = newId();
  ctx.store.transaction(() => {
    ctx.store.tokens.insert({
      id,
      ownerId: owner.id,
      name: body.name,
      description: body.description ?? '',
      prefix: secret.prefix,
      salt: secret.salt,
      hash: secret.hash,
      issuedAt: now,
      maxAgeMs,
      extended: body.extended ?? false,
      expiresAt: maxAgeMs === undefined ? undefined : now + maxAgeMs,
    });
  });
  return { id, name: body.name, fullToken: secret.fullToken };
}

function listTokens(ctx: EmulatorContext, owner: User) {
  const now = ctx.clock.nowMs();
  const results = ctx.store.tokens.listForOwner(owner.id).map((t) => apiTokenView(t, now));
  return { results, total: results.length };
}

function deleteToken(ctx: EmulatorContext, owner: User, tokenId: string): void {
  const token = ctx.store.tokens.findForOwner(owner.id, tokenId);
  if (!token) throw errors.NOT_FOUND('API Token not found');
  ctx.store.tokens.delete(token.id);
}

interface TokenId {
  tokenId: string;
}

/** Creates a token for its owner: a token carries all its owner's access, which the caller must hold itself. */
function create(ctx: EmulatorContext, caller: User, owner: User, body: CreateBody, maxAgeMs: number | undefined) {
  requireMayHandOutEverythingOf(ctx, caller, owner, 'Insufficient privileges to create an API token for this account');
  return createToken(ctx, owner, body, maxAgeMs);
}

function readCreateBody(operation: string, raw: unknown): { body: CreateBody; maxAgeMs: number | undefined } {
  const body = readBody<CreateBody>(createRequest(operation), raw);
  return { body, maxAgeMs: maxAgeMillis(body.maxAge, operation) };
}

/**
 * Four owners of tokens, each with list, create and delete: a service account through a tenant, a service
 * account or a user through the superadmin routes, and the caller itself. Statuses differ as Kestra's do.
 */
export const apiTokenRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const superadmin = guards.superadmin;
  const authenticated = guards.authenticated;

  const TENANT_SA = '/api/v1/:tenant/service-accounts/:id/api-tokens';
  const TENANT_SA_OPERATION = 'createApiTokensForServiceAccountWithTenant';
  /** A token works in every tenant of its owner: creating or revoking one through a tenant needs the right in each. */
  const tenantServiceAccount = (request: FastifyRequest<Route<TenantAndId>>, operation?: 'create' | 'delete'): User => {
    const caller = principalOf(request).user;
    const sa = find.accountInTenant(ctx, caller, request.params.tenant, request.params.id, 'SERVICE_ACCOUNT');
    if (operation) find.requireHeldWhereverAccountIs(ctx, caller, sa, requirementFor(ctx.kestraVersion, 'SERVICE_ACCOUNT', operation));
    return sa;
  };
  app.get<Route<TenantAndId>>(TENANT_SA, { config: guards.tenant('SERVICE_ACCOUNT', 'list') }, async (request) =>
    listTokens(ctx, tenantServiceAccount(request)),
  );
  app.post<Route<TenantAndId>>(TENANT_SA, { config: guards.tenant('SERVICE_ACCOUNT', 'create') }, async (request) => {
    const { body, maxAgeMs } = readCreateBody(TENANT_SA_OPERATION, request.body);
    return create(ctx, principalOf(request).user, tenantServiceAccount(request, 'create'), body, maxAgeMs);
  });
  app.delete<Route<TenantAndId & TokenId>>(`${TENANT_SA}/:tokenId`, { config: guards.tenant('SERVICE_ACCOUNT', 'delete') }, async (request, reply) => {
    deleteToken(ctx, tenantServiceAccount(request, 'delete'), request.params.tokenId);
    return reply.code(200).send({});
  });

  const INSTANCE_SA = '/api/v1/service-accounts/:id/api-tokens';
  app.get<Route<Id>>(INSTANCE_SA, { config: superadmin }, async (request) => listTokens(ctx, find.serviceAccount(ctx, request.params.id)));
  app.post<Route<Id>>(INSTANCE_SA, { config: superadmin }, async (request) => {
    const { body, maxAgeMs } = readCreateBody('createApiTokensForServiceAccount', request.body);
    return create(ctx, principalOf(request).user, find.serviceAccount(ctx, request.params.id), body, maxAgeMs);
  });
  app.delete<Route<Id & TokenId>>(`${INSTANCE_SA}/:tokenId`, { config: superadmin }, async (request, reply) => {
    deleteToken(ctx, find.serviceAccount(ctx, request.params.id), request.params.tokenId);
    return reply.code(200).send({});
  });

  const USER = '/api/v1/users/:id/api-tokens';
  app.get<Route<Id>>(USER, { config: superadmin }, async (request) => listTokens(ctx, find.standardUser(ctx, request.params.id)));
  app.post<Route<Id>>(USER, { config: superadmin }, async (request, reply) => {
    const { body, maxAgeMs } = readCreateBody('createApiTokensForUser', request.body);
    return reply.code(201).send(create(ctx, principalOf(request).user, find.standardUser(ctx, request.params.id), body, maxAgeMs));
  });
  app.delete<Route<Id & TokenId>>(`${USER}/:tokenId`, { config: superadmin }, async (request, reply) => {
    deleteToken(ctx, find.standardUser(ctx, request.params.id), request.params.tokenId);
    return reply.code(204).send();
  });

  const ME = '/api/v1/me/api-tokens';
  app.get(ME, { config: authenticated }, async (request) => listTokens(ctx, principalOf(request).user));
  app.post(ME, { config: authenticated }, async (request) => {
    const { body, maxAgeMs } = readCreateBody('createApiTokenForCurrentUser', request.body);
    const me = principalOf(request).user;
    return create(ctx, me, me, body, maxAgeMs);
  });
  app.delete<Route<TokenId>>(`${ME}/:tokenId`, { config: authenticated }, async (request, reply) => {
    deleteToken(ctx, principalOf(request).user, request.params.tokenId);
    return reply.code(200).send({});
  });
};
