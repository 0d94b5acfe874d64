import type { FastifyInstance } from 'fastify';
import { createApp } from './app.js';
import { Clock } from './clock.js';
import { FaultInjector } from './faults.js';
import { Outbox } from './outbox.js';
import type { KestraVersion } from './permissions.js';
import { Store } from './store/index.js';

export interface EmulatorOptions {
  host?: string;
  port?: number;
  /** Directory of the SQLite database; in-memory when absent. */
  dataDir?: string;
  kestraVersion?: KestraVersion;
  adminUser?: string;
  adminPassword?: string;
  /** Serves the `/__emulator` control API (fault injection, clock). */
  enableControl?: boolean;
  /** Receives one line per request; nothing is logged when absent. */
  log?: (line: string) => void;
  /** Largest accepted request body, in bytes. */
  bodyLimit?: number;
}

export interface RunningEmulator {
  url: string;
  close(): Promise<void>;
}

export const DEFAULT_ADMIN_USER = 'admin@kestra.io';
export const DEFAULT_ADMIN_PASSWORD = 'Admin1234!';
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** The emulator as a fastify instance that is not listening yet (for `inject` tests). */
export function buildEmulator(options: EmulatorOptions = {}): FastifyInstance {
  const kestraVersion = options.kestraVersion ?? '1.3';
  const store = Store.open({
    dataDir: options.dataDir,
    kestraVersion,
    adminUser: options.adminUser ?? DEFAULT_ADMIN_USER,
    adminPassword: options.adminPassword ?? DEFAULT_ADMIN_PASSWORD,
  });
  const ctx = { store, clock: new Clock(), kestraVersion, faults: new FaultInjector(), outbox: new Outbox(), log: options.log ?? (() => {}) };
  const app = createApp(ctx, { enableControl: options.enableControl ?? false, bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT });
  app.addHook('onClose', async () => store.close());
  return app;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const app = buildEmulator(options);
  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the emulator is not listening on a TCP port');
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { url: `http://${shownHost}:${address.port}`, close: () => app.close() };
}
