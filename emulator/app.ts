import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { controlRoutes } from './control.js';
import type { EmulatorContext } from './context.js';
import { EmulatorError, errors, jsonErrorBody, statusError } from './errors.js';
import { authenticateAndAuthorize, injectFaults, injectLateFaults, logRequest, pathOf } from './hooks.js';
import { registerJsonBodyParser } from './json-body.js';
import { apiTokenRoutes } from './routes/api-tokens.js';
import { bindingRoutes } from './routes/bindings.js';
import { configRoutes } from './routes/configs.js';
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

/** Turns any error into the JsonError body and status Kestra would answer with. */
function toEmulatorError(error: unknown, bodyLimit: number): EmulatorError {
  if (error instanceof EmulatorError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return errors.PAYLOAD_TOO_LARGE(bodyLimit);
  if (code === 'FST_ERR_BAD_URL') return errors.ROUTE_NOT_FOUND();
  const status = (error as { statusCode?: number }).statusCode;
  if (status !== undefined && status >= 400 && status < 500) return statusError(status);
  return errors.INTERNAL();
}

function sendError(request: FastifyRequest, reply: FastifyReply, error: EmulatorError): FastifyReply {
  return reply
    .code(error.statusCode)
    .headers(error.headers)
    .type('application/json')
    .send(jsonErrorBody(error.message, request.url, error.fieldErrors));
}

/** Assembles the fastify app: body parsing, hooks, error answers and one plugin per resource group. */
export function createApp(ctx: EmulatorContext, options: AppOptions): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit,
    routerOptions: { maxParamLength: 2048 },
    forceCloseConnections: true,
    // A path fastify cannot even decode names nothing that exists: 404.
    frameworkErrors: (error, request, reply) => void sendError(request, reply, toEmulatorError(error, options.bodyLimit)),
  });
  app.decorateRequest('principal', null);
  registerJsonBodyParser(app);

  app.addHook('onRequest', injectFaults(ctx));
  app.addHook('onRequest', authenticateAndAuthorize(ctx));
  app.addHook('onSend', injectLateFaults(ctx));
  app.addHook('onResponse', logRequest(ctx));

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
  app.register(configRoutes, routeOptions);
  if (options.enableControl) app.register(controlRoutes, routeOptions);
  return app;
}
