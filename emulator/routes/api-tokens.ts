import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { parseJavaDurationMillis } from '../../common/java-duration.js';
import { DNS_NAME_PATTERN, readBody, type BodySpec } from '../body.js';
import { guards, principalOf, type EmulatorContext, type Guard, type RouteOptions } from '../context.js';
import { errors } from '../errors.js';
import { newId } from '../ids.js';
import { generateToken } from '../secrets.js';
import type { User } from '../store/users.js';
import { apiTokenView } from '../views.js';
import * as find from './lookups.js';
import { params } from './params.js';

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

/** maxAge is a java.time.Duration: blank means a token that never expires, bad text fails deserialization. */
function maxAgeMillis(text: string | undefined): number | undefined {
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
  return Math.trunc(ms);
}

function createToken(ctx: EmulatorContext, owner: User, body: CreateBody) {
  const maxAgeMs = maxAgeMillis(body.maxAge);
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

interface TokenEndpoints {
  /** Path of the token collection, e.g. `/api/v1/users/:id/api-tokens`. */
  base: string;
  operation: string;
  guards: { list: Guard; create: Guard; delete: Guard };
  owner: (request: FastifyRequest) => User;
  createdStatus: number;
  deletedStatus: number;
}

function registerTokenEndpoints(
  app: Parameters<FastifyPluginAsync<RouteOptions>>[0],
  ctx: EmulatorContext,
  e: TokenEndpoints,
): void {
  app.get(e.base, { config: { guard: e.guards.list } }, async (request) => listTokens(ctx, e.owner(request)));
  app.post(e.base, { config: { guard: e.guards.create } }, async (request, reply: FastifyReply) => {
    const body = readBody<CreateBody>(createRequest(e.operation), request.body);
    return reply.code(e.createdStatus).send(createToken(ctx, e.owner(request), body));
  });
  app.delete(`${e.base}/:tokenId`, { config: { guard: e.guards.delete } }, async (request, reply: FastifyReply) => {
    deleteToken(ctx, e.owner(request), params(request).tokenId!);
    // The spec types the 200 answers as a JSON object; the 204 one has no body.
    return e.deletedStatus === 204 ? reply.code(204).send() : reply.code(e.deletedStatus).send({});
  });
}

export const apiTokenRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const superadmin = guards.superadmin.guard;

  registerTokenEndpoints(app, ctx, {
    base: '/api/v1/:tenant/service-accounts/:id/api-tokens',
    operation: 'createApiTokensForServiceAccountWithTenant',
    guards: {
      list: guards.tenant('SERVICE_ACCOUNT', 'list').guard,
      create: guards.tenant('SERVICE_ACCOUNT', 'create').guard,
      delete: guards.tenant('SERVICE_ACCOUNT', 'delete').guard,
    },
    owner: (request) => find.serviceAccountInTenant(ctx, params(request).tenant!, params(request).id!),
    createdStatus: 200,
    deletedStatus: 200,
  });

  registerTokenEndpoints(app, ctx, {
    base: '/api/v1/service-accounts/:id/api-tokens',
    operation: 'createApiTokensForServiceAccount',
    guards: { list: superadmin, create: superadmin, delete: superadmin },
    owner: (request) => find.serviceAccount(ctx, params(request).id!),
    createdStatus: 200,
    deletedStatus: 200,
  });

  registerTokenEndpoints(app, ctx, {
    base: '/api/v1/users/:id/api-tokens',
    operation: 'createApiTokensForUser',
    guards: { list: superadmin, create: superadmin, delete: superadmin },
    owner: (request) => find.standardUser(ctx, params(request).id!),
    createdStatus: 201,
    deletedStatus: 204,
  });

  const caller = guards.authenticated.guard;
  registerTokenEndpoints(app, ctx, {
    base: '/api/v1/me/api-tokens',
    operation: 'createApiTokenForCurrentUser',
    guards: { list: caller, create: caller, delete: caller },
    owner: (request) => principalOf(request).user,
    createdStatus: 200,
    deletedStatus: 200,
  });
};
