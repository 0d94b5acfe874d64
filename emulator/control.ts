import type { FastifyPluginAsync } from 'fastify';
import { parseJavaDurationMillis } from '../common/java-duration.js';
import { CLOCK_MAX_MS, CLOCK_MIN_MS } from './clock.js';
import type { RouteOptions } from './context.js';
import { errors } from './errors.js';
import { compilePathPattern, type BodyFault, type FaultPhase } from './faults.js';
import { isoInstant } from './views.js';

/**
 * The `/__emulator` control API (only registered with --enable-control): fault injection, the clock and the outbox
 * of mails the server would have sent.
 * Bodies are checked by their JSON schemas; a refused body is 400 with the schema's complaint.
 */

/** Formats the schemas below use, added to fastify's Ajv. */
export function registerControlFormats<A extends { addFormat(name: string, format: (value: string) => boolean): A }>(ajv: A): A {
  return ajv
    .addFormat('re2', (value) => compilePathPattern(value) !== undefined)
    .addFormat('java-duration', (value) => parseJavaDurationMillis(value) !== undefined);
}

interface FaultBody {
  path: string;
  method?: string;
  count?: number;
  status?: number;
  retryAfter?: number;
  drop?: boolean;
  latencyMs?: number;
  rate?: number;
  phase?: FaultPhase;
  body?: BodyFault;
}

const FAULT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['path'],
  properties: {
    path: { type: 'string', minLength: 1, maxLength: 1024, format: 're2' },
    method: { type: 'string', minLength: 1, maxLength: 16 },
    count: { type: 'integer', minimum: 1, maximum: 1_000_000 },
    status: { type: 'integer', minimum: 100, maximum: 599 },
    retryAfter: { type: 'integer', minimum: 0, maximum: 86_400 },
    drop: { type: 'boolean' },
    latencyMs: { type: 'integer', minimum: 0, maximum: 600_000 },
    rate: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
    phase: { enum: ['before', 'during', 'after'] },
    body: { enum: ['truncated', 'interrupted', 'without-id'] },
  },
  // A rule must do something.
  anyOf: [{ required: ['status'] }, { required: ['drop'] }, { required: ['latencyMs'] }, { required: ['body'] }],
  allOf: [
    // A body can only be damaged once there is one: the request must have been processed, and answered.
    {
      if: { required: ['body'] },
      then: { required: ['phase'], properties: { phase: { enum: ['during', 'after'] } }, not: { anyOf: [{ required: ['status'] }, { required: ['drop'] }] } },
    },
  ],
} as const;

interface ClockBody {
  advance?: string;
  set?: string;
}

const CLOCK_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    advance: { type: 'string', format: 'java-duration' },
    set: { type: 'string', format: 'date-time' },
  },
} as const;

export const controlRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  app.post<{ Body: FaultBody }>('/__emulator/faults', { schema: { body: FAULT_SCHEMA } }, async (request, reply) => {
    const { count, ...rule } = request.body;
    return reply.code(201).send(ctx.faults.add({ ...rule, count: count ?? 1 }));
  });
  app.get('/__emulator/faults', async () => ({ faults: ctx.faults.list() }));
  app.delete('/__emulator/faults', async (_request, reply) => {
    ctx.faults.clear();
    return reply.code(204).send();
  });

  app.get('/__emulator/outbox', async () => ({ mails: ctx.outbox.list() }));
  app.delete('/__emulator/outbox', async (_request, reply) => {
    ctx.outbox.clear();
    return reply.code(204).send();
  });

  app.get('/__emulator/clock', async () => ({ now: isoInstant(ctx.clock.nowMs()) }));
  app.post<{ Body: ClockBody }>('/__emulator/clock', { schema: { body: CLOCK_SCHEMA } }, async (request) => {
    const { set, advance } = request.body;
    const from = set === undefined ? ctx.clock.nowMs() : Date.parse(set);
    const to = from + (advance === undefined ? 0 : (parseJavaDurationMillis(advance) ?? 0));
    if (!ctx.clock.set(to)) {
      throw errors.BAD_REQUEST(`the clock stays between ${isoInstant(CLOCK_MIN_MS)} and ${isoInstant(CLOCK_MAX_MS)}`);
    }
    return { now: isoInstant(ctx.clock.nowMs()) };
  });
};
