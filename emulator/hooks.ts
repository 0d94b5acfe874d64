import type { FastifyReply, FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { authenticate } from './auth.js';
import type { EmulatorContext } from './context.js';
import { jsonErrorBody, statusError } from './errors.js';
import { queryText } from './paging.js';
import { authorize } from './rbac.js';

/** The request hooks, in the order they run: fault injection, then authentication and authorization. */

const CONTROL_PREFIX = '/__emulator/';

export const pathOf = (url: string): string => url.split('?')[0] ?? url;

/** Applies the first matching fault rule: a delay, then a dropped connection or an error status. */
export function injectFaults(ctx: EmulatorContext) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const path = pathOf(request.url);
    if (path.startsWith(CONTROL_PREFIX)) return undefined;
    const rule = ctx.faults.take(request.method, path);
    if (!rule) return undefined;
    if (rule.latencyMs !== undefined) await sleep(rule.latencyMs);
    if (rule.phase === 'after') {
      request.lateFault = rule;
      return undefined;
    }
    if (rule.drop) {
      ctx.log(`${request.method} ${path} connection dropped (injected fault)`);
      reply.hijack();
      request.raw.socket?.destroy();
      return reply;
    }
    if (rule.status !== undefined) throw statusError(rule.status, rule.retryAfter);
    return undefined;
  };
}

/** An `after` fault: the work is done, then the connection drops or an error status replaces the answer. */
export function injectLateFaults(ctx: EmulatorContext) {
  return async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const rule = request.lateFault;
    if (!rule) return payload;
    const path = pathOf(request.url);
    if (rule.drop) {
      ctx.log(`${request.method} ${path} processed, then connection dropped (injected fault)`);
      request.raw.socket?.destroy();
      return payload;
    }
    if (rule.status === undefined) return payload;
    const error = statusError(rule.status, rule.retryAfter);
    reply.code(rule.status).headers(error.headers ?? {}).type('application/json');
    return JSON.stringify(jsonErrorBody(error.message, path));
  };
}

/** Every `/api/` request must authenticate; the route's guard then decides whether the caller may proceed. */
export function authenticateAndAuthorize(ctx: EmulatorContext) {
  return async (request: FastifyRequest) => {
    if (!pathOf(request.url).startsWith('/api/')) return;
    const principal = authenticate(ctx, request.headers.authorization);
    request.principal = principal;
    const guard = request.routeOptions.config.guard;
    if (!guard) return;
    const routeParams = request.params as Record<string, string | undefined>;
    authorize(ctx, principal, guard, {
      tenant: routeParams.tenant,
      namespace: queryText(request.query as Record<string, unknown>, 'namespace'),
    });
  };
}

/** One line per request: method, path without query string, status, duration. Never headers or bodies. */
export function logRequest(ctx: EmulatorContext) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    ctx.log(`${request.method} ${pathOf(request.url)} ${reply.statusCode} ${reply.elapsedTime.toFixed(1)}ms`);
  };
}
