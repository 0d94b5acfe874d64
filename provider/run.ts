/**
 * What the provider executable does. Terraform launches it (through bin/terraform-provider-kestra) and talks
 * to it over gRPC; `--debug` serves it for a debugger or for tests; `--print-schema` prints the schema for
 * tooling. `prepareProvider` reads nothing from the environment, so that the startup snapshot
 * (provider/launch/entry.ts) can run it at build time; `runProvider` runs when the process starts.
 */
import type * as grpc from '@grpc/grpc-js';
import { createLogger, type Logger } from './bridge/logging.js';
import { createProviderHandlers } from './bridge/protocol/grpc-provider.js';
import { loadProtocol } from './bridge/protocol/load.js';
import { servePlugin } from './bridge/serve.js';
import { FrameworkServer } from './framework/server.js';
import { kestraProvider } from './kestra-provider.js';
import { PROVIDER_ADDRESS } from './provider-address.js';
import { printSchemaJson } from './schema-json.js';

export interface PreparedProvider {
  logger: Logger;
  framework: FrameworkServer<unknown>;
  service: grpc.ServiceDefinition;
  handlers: grpc.UntypedServiceImplementation;
}

/** The provider and its gRPC service, schemas computed, not yet serving. */
export function prepareProvider(): PreparedProvider {
  const logger = createLogger();
  const framework = new FrameworkServer(kestraProvider(logger)) as FrameworkServer<unknown>;
  const tfplugin6 = loadProtocol().tfplugin6 as { Provider: grpc.ServiceClientConstructor };
  const handlers = createProviderHandlers(framework, logger) as unknown as grpc.UntypedServiceImplementation;
  return { logger, framework, service: tfplugin6.Provider.service, handlers };
}

export async function runProvider(args: readonly string[], prepared: PreparedProvider = prepareProvider()): Promise<void> {
  const { logger, framework, service, handlers } = prepared;
  if (args.includes('--print-schema')) {
    process.stdout.write(`${JSON.stringify(printSchemaJson(PROVIDER_ADDRESS, framework.schemas()), null, 2)}\n`);
    return;
  }
  await servePlugin({
    debug: args.includes('--debug'),
    logger,
    providerAddress: PROVIDER_ADDRESS,
    register: (server) => server.addService(service, handlers),
    onStop: () => framework.stop(),
  });
}
