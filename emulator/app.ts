import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { apiRoutes } from './api.js';
import { authenticate } from './auth.js';
import { controlRoutes, registerControlFormats } from './control.js';
import type { EmulatorContext } from './context.js';
import { EmulatorError, errors, jsonErrorBody, statusError } from './errors.js';
import { delayWork, injectAnswerFaults, injectFaults, logRequest, pathOf } from './hooks.js';
import { registerJsonBodyParser } from './json-body.js';

export interface AppOptions {
  enableControl: boolean;
  bodyLimit: number;
}

/** Turns any error into the JsonError body and status Kestra would answer with. */
function toEmulatorError(error: unknown, bodyLimit: number): EmulatorError {
  if (error instanceof EmulatorError) return error;
  const { code, statusCode, validation, message } = error as { code?: string; statusCode?: number; validation?: unknown; message?: string };
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || code === 'FST_REQ_FILE_TOO_LARGE') return errors.PAYLOAD_TOO_LARGE(bodyLimit);
  if (code === 'FST_ERR_BAD_URL') return errors.ROUTE_NOT_FOUND();
  // A control API body that its JSON schema refuses.
  if (validation !== undefined) return errors.BAD_REQUEST(message ?? 'invalid request');
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) return statusError(statusCode);
  return errors.INTERNAL();
}

function sendError(request: FastifyRequest, reply: FastifyReply, error: EmulatorError): FastifyReply {
  return reply
    .code(error.statusCode)
    .headers(error.headers)
    .type('application/json')
    .send(jsonErrorBody(error.message, request.url, error.fieldErrors));
}

/**
 * A request no route takes: deny by default, as Micronaut's `reject-not-found` does. Without valid credentials
 * it is 401, so no spelling of a path tells an anonymous caller more than any other; with them, 404.
 */
function answerUnrouted(ctx: EmulatorContext, request: FastifyRequest, reply: FastifyReply, error: EmulatorError): FastifyReply {
  try {
    authenticate(ctx, request.headers.authorization);
  } catch (refused) {
    return sendError(request, reply, refused as EmulatorError);
  }
  return sendError(request, reply, error);
}

/** Assembles the fastify app: body parsing, fault hooks, error answers, the API plugin and the control API. */
export function createApp(ctx: EmulatorContext, options: AppOptions): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit,
    routerOptions: { maxParamLength: 2048 },
    forceCloseConnections: true,
    // Route schemas (the control API's) validate bodies as sent: no coercion, nothing removed or defaulted.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false }, plugins: [registerControlFormats] },
    // A path fastify cannot even decode names nothing that exists.
    frameworkErrors: (error, request, reply) => void answerUnrouted(ctx, request, reply, toEmulatorError(error, options.bodyLimit)),
  });
  app.decorateRequest('principal', null);
  registerJsonBodyParser(app);

  app.addHook('onRequest', injectFaults(ctx));
  app.addHook('preHandler', delayWork(ctx));
  app.addHook('onSend', injectAnswerFaults(ctx));
  app.addHook('onResponse', logRequest(ctx));

  app.setErrorHandler((error, request, reply) => {
    const e = toEmulatorError(error, options.bodyLimit);
    if (e.statusCode >= 500 && !(error instanceof EmulatorError)) {
      ctx.log(`${request.method} ${pathOf(request.url)} failed: ${(error as Error).message}`);
    }
    return sendError(request, reply, e);
  });
  app.setNotFoundHandler((request, reply) => answerUnrouted(ctx, request, reply, errors.ROUTE_NOT_FOUND()));

  app.register(apiRoutes, { ctx, bodyLimit: options.bodyLimit });
  if (options.enableControl) app.register(controlRoutes, { ctx, bodyLimit: options.bodyLimit });
  return app;
}
