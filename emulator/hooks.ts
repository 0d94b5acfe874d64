import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { setTimeout } from 'node:timers/promises';
import type { EmulatorContext } from './context.js';
import { jsonErrorBody, statusError } from './errors.js';
import { phaseOf, type BodyFault } from './faults.js';

/**
 * Request hooks of the whole server, outside the API's own authentication: fault injection (faults.ts
 * describes the phases) at three points of a request's life, and the request log.
 */

const CONTROL_PREFIX = '/__emulator/';

/** An injected delay never keeps the process alive on its own (a closing emulator does not wait for it). */
const sleep = (ms: number) => setTimeout(ms, undefined, { ref: false });

export const pathOf = (url: string): string => url.split('?')[0] ?? url;

const clientGone = (request: FastifyRequest): boolean => request.raw.socket?.destroyed === true;

function cutConnection(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  reply.hijack();
  request.raw.socket?.destroy();
  return reply;
}

/** onRequest: picks the rule for the request; a `before` rule strikes here, before anything is read. */
export function injectFaults(ctx: EmulatorContext) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const path = pathOf(request.url);
    if (path.startsWith(CONTROL_PREFIX)) return undefined;
    const rule = ctx.faults.take(request.method, path);
    if (!rule) return undefined;
    if (phaseOf(rule) !== 'before') {
      request.fault = rule;
      return undefined;
    }
    if (rule.latencyMs !== undefined) {
      ctx.log(`${request.method} ${path} delayed ${rule.latencyMs}ms (injected fault)`);
      await sleep(rule.latencyMs);
    }
    if (rule.drop) {
      ctx.log(`${request.method} ${path} connection dropped (injected fault)`);
      return cutConnection(request, reply);
    }
    if (rule.status !== undefined) throw statusError(rule.status, rule.retryAfter);
    if (clientGone(request)) {
      ctx.log(`${request.method} ${path} client left during the injected delay, request not processed`);
      return cutConnection(request, reply);
    }
    return undefined;
  };
}

/** preHandler: the request is read; a `during` rule's delay is spent here, and the work follows regardless. */
export function delayWork(ctx: EmulatorContext) {
  return async (request: FastifyRequest) => {
    const rule = request.fault;
    if (!rule || phaseOf(rule) !== 'during' || rule.latencyMs === undefined) return;
    const path = pathOf(request.url);
    ctx.log(`${request.method} ${path} work held ${rule.latencyMs}ms (injected fault)`);
    await sleep(rule.latencyMs);
    if (clientGone(request)) ctx.log(`${request.method} ${path} client left during the injected delay, work done anyway`);
  };
}

/** onSend: the work is done; a `during` or `after` rule now loses, replaces or damages the answer. */
export function injectAnswerFaults(ctx: EmulatorContext) {
  return async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const rule = request.fault;
    if (!rule) return payload;
    if (phaseOf(rule) === 'after' && rule.latencyMs !== undefined) await sleep(rule.latencyMs);
    const path = pathOf(request.url);
    if (rule.drop) {
      ctx.log(`${request.method} ${path} processed, then connection dropped (injected fault)`);
      request.raw.socket?.destroy();
      return payload;
    }
    if (rule.status !== undefined) {
      const error = statusError(rule.status, rule.retryAfter);
      reply.code(rule.status).headers(error.headers).type('application/json');
      return JSON.stringify(jsonErrorBody(error.message, path));
    }
    if (rule.body !== undefined) {
      ctx.log(`${request.method} ${path} processed, then answer damaged: ${rule.body} (injected fault)`);
      return damage(rule.body, reply, payload);
    }
    return payload;
  };
}

function damage(fault: BodyFault, reply: FastifyReply, payload: unknown): unknown {
  if (typeof payload !== 'string' || payload === '') return payload;
  switch (fault) {
    case 'without-id':
      return withoutId(payload);
    case 'truncated':
      return payload.slice(0, Math.floor(payload.length / 2));
    case 'interrupted': {
      const bytes = Buffer.from(payload, 'utf8');
      reply.header('content-length', String(bytes.length));
      return interruptedAfter(bytes.subarray(0, Math.floor(bytes.length / 2)));
    }
  }
}

function withoutId(payload: string): string {
  const value = JSON.parse(payload) as unknown;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('id' in value)) return payload;
  const { id: _id, ...rest } = value as Record<string, unknown>;
  return JSON.stringify(rest);
}

/**
 * A body stream that yields `head` and then fails: fastify, having sent the headers (with the full length),
 * destroys the connection, so the client receives a response that stops short.
 */
function interruptedAfter(head: Buffer): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (sent) return;
      sent = true;
      this.push(head);
      setImmediate(() => this.destroy(new Error('answer interrupted by an injected fault')));
    },
  });
}

/** One line per request: method, path without query string, status, duration. Never headers or bodies. */
export function logRequest(ctx: EmulatorContext) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    ctx.log(`${request.method} ${pathOf(request.url)} ${reply.statusCode} ${reply.elapsedTime.toFixed(1)}ms`);
  };
}
