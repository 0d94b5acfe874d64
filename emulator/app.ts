import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { authenticate } from './auth.js';
import { controlRoutes } from './control.js';
import type { EmulatorContext } from './context.js';
import { EmulatorError, errors, injectedFault, jsonErrorBody } from './errors.js';
import { queryText } from './paging.js';
import { authorize } from './rbac.js';
import { apiTokenRoutes } from './routes/api-tokens.js';
import { bindingRoutes } from './routes/bindings.js';
import { groupRoutes } from './routes/groups.js';
import { resourceRoutes } from './routes/resources.js';
import { roleRoutes } from './routes/roles.js';
import { instanceServiceAccountRoutes, tenantServiceAccountRoutes } from './routes/service-accounts.js';
import { tenantRoutes } from './routes/tenants.js';
import { userRoutes } from './routes/users.js';

export interface AppOptions {
  enableControl: boolean;
  bodyLimit: number;
}

const CONTROL_PREFIX = '/__emulator/';

const pathOf = (url: string): string => url.split('?')[0] ?? url;

function parseJson(body: string): unknown {
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch (e) {
    throw errors.INVALID_JSON((e as Error).message);
  }
}

/** Turns any error into the JsonError body and status Kestra would answer with. */
function toEmulatorError(error: unknown, bodyLimit: number): EmulatorError {
  if (error instanceof EmulatorError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return errors.PAYLOAD_TOO_LARGE(bodyLimit);
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return errors.UNSUPPORTED_MEDIA_TYPE('unknown');
  const status = (error as { statusCode?: number }).statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return new EmulatorError('CLIENT_ERROR', status, STATUS_CODES[status] ?? 'Bad Request');
  }
  return errors.INTERNAL();
}

function sendError(request: FastifyRequest, reply: FastifyReply, error: EmulatorError): FastifyReply {
  return reply
    .code(error.statusCode)
    .headers(error.headers)
    .type('application/json')
    .send(jsonErrorBody(error.message, request.url, error.fieldErrors));
}

export function createApp(ctx: EmulatorContext, options: AppOptions): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit,
    routerOptions: { maxParamLength: 2048 },
    forceCloseConnections: true,
    frameworkErrors: (error, request, reply) => {
      // A path fastify cannot even decode names nothing that exists.
      const status = error.code === 'FST_ERR_BAD_URL' ? errors.ROUTE_NOT_FOUND() : toEmulatorError(error, options.bodyLimit);
      void sendError(request, reply, status);
    },
  });
  app.decorateRequest('principal', null);

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJson(body as string));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
  // Without a Content-Type the body is read as JSON; any other media type is refused.
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    const type = request.headers['content-type'];
    if (type !== undefined && type !== '') {
      done(errors.UNSUPPORTED_MEDIA_TYPE(type), undefined);
      return;
    }
    try {
      done(null, parseJson(body as string));
    } catch (e) {
      done(e as Error, undefined);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    const path = pathOf(request.url);
    if (path.startsWith(CONTROL_PREFIX)) return;
    const rule = ctx.faults.take(request.method, path);
    if (!rule) return;
    if (rule.latencyMs !== undefined) await sleep(rule.latencyMs);
    if (rule.drop) {
      ctx.log(`${request.method} ${path} connection dropped (injected fault)`);
      reply.hijack();
      request.raw.socket?.destroy();
      return reply;
    }
    if (rule.status !== undefined) throw injectedFault(rule.status, STATUS_CODES[rule.status] ?? 'Injected fault', rule.retryAfter);
    return undefined;
  });

  app.addHook('onRequest', async (request) => {
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
  });

  app.addHook('onResponse', async (request, reply) => {
    ctx.log(`${request.method} ${pathOf(request.url)} ${reply.statusCode} ${reply.elapsedTime.toFixed(1)}ms`);
  });

  app.setErrorHandler((error, request, reply) => {
    const e = toEmulatorError(error, options.bodyLimit);
    if (e.statusCode >= 500 && !(error instanceof EmulatorError)) {
      ctx.log(`${request.method} ${pathOf(request.url)} failed: ${(error as Error).message}`);
    }
    return sendError(request, reply, e);
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, errors.ROUTE_NOT_FOUND()));

  const routeOptions = { ctx };
  app.register(tenantServiceAccountRoutes, routeOptions);
  app.register(instanceServiceAccountRoutes, routeOptions);
  app.register(apiTokenRoutes, routeOptions);
  app.register(userRoutes, routeOptions);
  app.register(groupRoutes, routeOptions);
  app.register(roleRoutes, routeOptions);
  app.register(bindingRoutes, routeOptions);
  app.register(tenantRoutes, routeOptions);
  app.register(resourceRoutes, routeOptions);
  if (options.enableControl) app.register(controlRoutes, routeOptions);
  return app;
}
