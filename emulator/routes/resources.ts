import type { FastifyPluginAsync } from 'fastify';
import { guards, type RouteOptions } from '../context.js';
import { emptyPage } from '../listing.js';
import type { Route, Tenant } from './params.js';

/**
 * Two non-IAM searches, so that tests can show a token reaches exactly what its role grants. The emulator
 * holds no flows or executions: an allowed search is always empty.
 */
export const resourceRoutes: FastifyPluginAsync<RouteOptions> = async (app) => {
  app.get<Route<Tenant>>('/api/v1/:tenant/flows/search', { config: guards.tenant('FLOW', 'list') }, async (request) => emptyPage(request.query));
  app.get<Route<Tenant>>('/api/v1/:tenant/executions/search', { config: guards.tenant('EXECUTION', 'list') }, async (request) =>
    emptyPage(request.query),
  );
};
