import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { authenticate } from './auth.js';
import type { EmulatorContext, RouteOptions } from './context.js';
import { errors } from './errors.js';
import { queryText } from './paging.js';
import { authorize } from './rbac.js';
import { apiTokenRoutes } from './routes/api-tokens.js';
import { authRoutes } from './routes/auths.js';
import { bindingRoutes } from './routes/bindings.js';
import { configRoutes } from './routes/configs.js';
import { groupRoutes } from './routes/groups.js';
import { resourceRoutes } from './routes/resources.js';
import { roleRoutes } from './routes/roles.js';
import { instanceServiceAccountRoutes, tenantServiceAccountRoutes } from './routes/service-accounts.js';
import { tenantRoutes } from './routes/tenants.js';
import { userRoutes } from './routes/users.js';

/**
 * The Kestra API as one encapsulated plugin that owns its authentication. The hook below runs for every route
 * registered inside it, whatever spelling of the URL the router resolved to that route (`/%61pi/…`, `/api/./v1`):
 * authentication follows the decoded route, never the raw URL text. Every route must declare a guard; one
 * without is refused at start-up, so a forgotten guard cannot open a route.
 */

const ROUTE_PLUGINS: Array<FastifyPluginAsync<RouteOptions>> = [
  authRoutes,
  tenantServiceAccountRoutes,
  instanceServiceAccountRoutes,
  apiTokenRoutes,
  userRoutes,
  groupRoutes,
  roleRoutes,
  bindingRoutes,
  tenantRoutes,
  resourceRoutes,
  configRoutes,
];

function authenticateAndAuthorize(ctx: EmulatorContext) {
  return async (request: FastifyRequest) => {
    const { guard } = request.routeOptions.config;
    if (guard === undefined) throw errors.FORBIDDEN('route without a guard');
    if (guard.kind === 'anonymous') return;
    const principal = authenticate(ctx, request.headers.authorization);
    request.principal = principal;
    authorize(ctx, principal, guard, {
      tenant: (request.params as { tenant?: string }).tenant,
      namespace: queryText(request.query as Record<string, unknown>, 'namespace'),
    });
  };
}

export const apiRoutes: FastifyPluginAsync<RouteOptions> = async (api, options) => {
  api.addHook('onRoute', (route) => {
    if (route.config?.guard === undefined) throw new Error(`${String(route.method)} ${route.url} declares no guard`);
  });
  api.addHook('onRequest', authenticateAndAuthorize(options.ctx));
  for (const plugin of ROUTE_PLUGINS) api.register(plugin, options);
};
