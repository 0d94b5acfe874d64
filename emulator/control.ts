import type { FastifyPluginAsync } from 'fastify';
import { parseJavaDurationMillis } from '../common/java-duration.js';
import type { RouteOptions } from './context.js';
import { errors } from './errors.js';
import type { FaultSpec } from './faults.js';
import { isoInstant } from './views.js';

/** The `/__emulator` control API (only registered with --enable-control): fault injection and the clock. */

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function optionalInt(body: Record<string, unknown>, name: string, min: number, max: number): number | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw errors.BAD_REQUEST(`${name} must be an integer between ${min} and ${max}`);
  }
  return v;
}

function faultSpec(body: unknown): FaultSpec {
  if (!isObject(body)) throw errors.BAD_REQUEST('expected a JSON object');
  const { path, method, drop } = body;
  if (typeof path !== 'string' || path === '') throw errors.BAD_REQUEST('path must be a regular expression');
  try {
    new RegExp(path);
  } catch {
    throw errors.BAD_REQUEST('path is not a valid regular expression');
  }
  if (method !== undefined && typeof method !== 'string') throw errors.BAD_REQUEST('method must be a string');
  if (drop !== undefined && typeof drop !== 'boolean') throw errors.BAD_REQUEST('drop must be a boolean');
  const { rate, phase } = body;
  if (rate !== undefined && (typeof rate !== 'number' || !(rate > 0 && rate <= 1))) throw errors.BAD_REQUEST('rate must be a number in (0, 1]');
  if (phase !== undefined && phase !== 'before' && phase !== 'after') throw errors.BAD_REQUEST('phase must be "before" or "after"');
  const spec: FaultSpec = {
    path,
    method,
    drop,
    count: optionalInt(body, 'count', 1, 1_000_000) ?? 1,
    status: optionalInt(body, 'status', 100, 599),
    retryAfter: optionalInt(body, 'retryAfter', 0, 86_400),
    latencyMs: optionalInt(body, 'latencyMs', 0, 600_000),
    rate,
    phase,
  };
  if (spec.status === undefined && !spec.drop && spec.latencyMs === undefined) {
    throw errors.BAD_REQUEST('a fault needs a status, drop or latencyMs');
  }
  return spec;
}

export const controlRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  app.post('/__emulator/faults', async (request, reply) => reply.code(201).send(ctx.faults.add(faultSpec(request.body))));
  app.get('/__emulator/faults', async () => ({ faults: ctx.faults.list() }));
  app.delete('/__emulator/faults', async (_request, reply) => {
    ctx.faults.clear();
    return reply.code(204).send();
  });

  app.get('/__emulator/clock', async () => ({ now: isoInstant(ctx.clock.nowMs()) }));
  app.post('/__emulator/clock', async (request) => {
    const body = request.body;
    if (!isObject(body)) throw errors.BAD_REQUEST('expected a JSON object with advance or set');
    if (body.set !== undefined) {
      const instant = typeof body.set === 'string' ? Date.parse(body.set) : NaN;
      if (Number.isNaN(instant)) throw errors.BAD_REQUEST('set must be an ISO-8601 instant');
      ctx.clock.set(instant);
    }
    if (body.advance !== undefined) {
      const ms = typeof body.advance === 'string' ? parseJavaDurationMillis(body.advance) : undefined;
      if (ms === undefined) throw errors.BAD_REQUEST('advance must be an ISO-8601 duration such as PT1H');
      ctx.clock.advance(ms);
    }
    return { now: isoInstant(ctx.clock.nowMs()) };
  });
};
