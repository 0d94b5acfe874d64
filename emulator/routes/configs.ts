import type { FastifyPluginAsync } from 'fastify';
import { guards, type RouteOptions } from '../context.js';
import type { KestraVersion } from '../permissions.js';

/** The release each emulated line reports, as a real server's `version` reads (the OpenAPI documents' own). */
const RELEASE: Readonly<Record<KestraVersion, string>> = { '1.3': '1.3.26', '2.0': '2.0.0' };

/**
 * `GET /api/v1/configs`: the instance configuration any authenticated caller may read; clients learn the
 * server's version from it. Only the fields that say which server this is are served.
 */
export const configRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  app.get('/api/v1/configs', { config: guards.authenticated }, async () => ({ version: RELEASE[ctx.kestraVersion], edition: 'EE' }));
};
