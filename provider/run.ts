/**
 * What the provider executable does. Terraform launches it (through bin/terraform-provider-kestra) and talks
 * to it over gRPC; `--debug` serves it for a debugger or for tests; `--print-schema` prints the schema for
 * tooling; `--reuse-server SLOT` serves Terraform sessions one after another for the launcher
 * (provider/launch/reuse-server.ts). `prepareProvider` reads nothing from the environment, so that the
 * startup snapshot (provider/launch/entry.ts) can run it at build time; `runProvider` runs when the process starts.
 */
import type * as grpc from '@grpc/grpc-js';
import { createLogger } from './bridge/logging.js';
import { loadProtocol } from './bridge/protocol/load.js';
import { servePlugin } from './bridge/serve.js';
import { PROCESS_HOST } from './provider-config.js';
import { PROVIDER_ADDRESS } from './provider-address.js';
import { providerInstance, type ProviderInstance } from './provider-instance.js';
import { printSchemaJson } from './schema-json.js';

export interface PreparedProvider {
  /** tfplugin6.Provider, from the protocol definitions. */
  service: grpc.ServiceDefinition;
  /** The provider of the session this process was started for, schemas computed. */
  instance: ProviderInstance;
}

/** The provider and its gRPC service, not yet serving. */
export function prepareProvider(): PreparedProvider {
  const tfplugin6 = loadProtocol().tfplugin6 as { Provider: grpc.ServiceClientConstructor };
  const instance = providerInstance(createLogger(), PROCESS_HOST);
  return { service: tfplugin6.Provider.service, instance };
}

/** The argument that makes the process a reuse server; the next one is its slot file. */
export const REUSE_SERVER_ARG = '--reuse-server';
/** Set by the launcher when no reuse server was free: the slot file a new one should take. */
export const REUSE_SLOT_ENV = 'KESTRA_PROVIDER_REUSE_SLOT';

export async function runProvider(args: readonly string[], prepared: PreparedProvider = prepareProvider()): Promise<void> {
  const { service, instance } = prepared;
  if (args.includes('--print-schema')) {
    process.stdout.write(`${JSON.stringify(printSchemaJson(PROVIDER_ADDRESS, instance.framework.schemas()), null, 2)}\n`);
    return;
  }
  if (args[0] === REUSE_SERVER_ARG && args[1] !== undefined) {
    // Loaded here: it needs node:net, which does not belong in a startup snapshot.
    const { runReuseServer } = await import('./launch/reuse-server.js');
    await runReuseServer(args[1], service);
    return;
  }
  const debug = args.includes('--debug');
  // Before serving, as Terraform may kill a provider right after its last RPC, and a test right after the handshake.
  if (!debug && process.env[REUSE_SLOT_ENV]) {
    const { startReuseServer } = await import('./launch/reuse-start.js');
    startReuseServer(process.env[REUSE_SLOT_ENV]);
  }
  await servePlugin({
    debug,
    logger: instance.logger,
    providerAddress: PROVIDER_ADDRESS,
    register: (server) => server.addService(service, instance.handlers),
    onStop: () => instance.framework.stop(),
  });
}
