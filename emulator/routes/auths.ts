import type { FastifyPluginAsync } from 'fastify';
import { guards, type RouteOptions } from '../context.js';

/**
 * `GET /api/v1/auths`, which the spec gives no security: the login page asks it which sign-in methods exist
 * before anyone is signed in. The emulator offers username and password only.
 */
export const authRoutes: FastifyPluginAsync<RouteOptions> = async (app) => {
  app.get('/api/v1/auths', { config: guards.anonymous }, async () => ({
    loginPassword: true,
    mailsEnabled: false,
    passwordless: false,
    oauths: [],
  }));
};
