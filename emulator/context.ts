import type { FastifyRequest } from 'fastify';
import type { Clock } from './clock.js';
import type { FaultInjector, FaultRule } from './faults.js';
import type { Outbox } from './outbox.js';
import type { GuardedOperation, GuardedResource, KestraVersion } from './permissions.js';
import type { Store } from './store/index.js';
import type { User } from './store/users.js';

/** What every route plugin and hook works with. */
export interface EmulatorContext {
  store: Store;
  clock: Clock;
  kestraVersion: KestraVersion;
  faults: FaultInjector;
  outbox: Outbox;
  log: (line: string) => void;
}

export interface Principal {
  user: User;
}

/**
 * Who may call a route: anyone (operations the spec gives no security), any authenticated caller, superadmins
 * only, or holders of a tenant permission. Every API route declares one.
 */
export type Guard =
  | { kind: 'anonymous' }
  | { kind: 'authenticated' }
  | { kind: 'superadmin' }
  | { kind: 'tenant'; resource: GuardedResource; operation: GuardedOperation };

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /** The fault rule that applies to this request once it has been read (phase `during` or `after`). */
    fault?: FaultRule;
  }
  interface FastifyContextConfig {
    guard?: Guard;
  }
}

export interface RouteOptions {
  ctx: EmulatorContext;
  /** Largest accepted request body (uploads included), in bytes. */
  bodyLimit: number;
}

export const guards = {
  anonymous: { guard: { kind: 'anonymous' } } satisfies { guard: Guard },
  authenticated: { guard: { kind: 'authenticated' } } satisfies { guard: Guard },
  superadmin: { guard: { kind: 'superadmin' } } satisfies { guard: Guard },
  tenant: (resource: GuardedResource, operation: GuardedOperation): { guard: Guard } => ({
    guard: { kind: 'tenant', resource, operation },
  }),
};

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error('route reached without an authenticated principal');
  return request.principal;
}

/** The origin (scheme, host and port) the request was sent to, for links the server hands out. */
export const originOf = (request: FastifyRequest): string => `${request.protocol}://${request.host}`;
