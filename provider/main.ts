/**
 * The provider executable. Terraform launches it (through bin/terraform-provider-kestra) and talks to it over
 * gRPC; `--debug` serves it for a debugger or for tests; `--print-schema` prints the schema for tooling.
 */
import type * as grpc from '@grpc/grpc-js';
import { resolve } from 'node:path';
import { createLogger } from './bridge/logging.js';
import { createProviderHandlers } from './bridge/protocol/grpc-provider.js';
import { loadProtocol } from './bridge/protocol/load.js';
import { servePlugin } from './bridge/serve.js';
import { FrameworkServer } from './framework/server.js';
import { kestraProvider } from './kestra-provider.js';
import { PROVIDER_ADDRESS } from './provider-config.js';
import { printSchemaJson } from './schema-json.js';

const args = process.argv.slice(2);
const debug = args.includes('--debug');
const logger = createLogger();
// Terraform starts the provider in the working directory; a --debug provider serves many, so it journals none.
const createJournalDir = debug ? undefined : resolve(process.env.TF_DATA_DIR || '.terraform', 'kestra-iam', 'creates-in-flight');
const framework = new FrameworkServer(kestraProvider(logger, createJournalDir === undefined ? {} : { createJournalDir }));

if (args.includes('--print-schema')) {
  process.stdout.write(`${JSON.stringify(printSchemaJson(PROVIDER_ADDRESS, framework.schemas()), null, 2)}\n`);
} else {
  const tfplugin6 = loadProtocol().tfplugin6 as { Provider: grpc.ServiceClientConstructor };
  await servePlugin({
    debug,
    logger,
    providerAddress: PROVIDER_ADDRESS,
    register: (server) => server.addService(tfplugin6.Provider.service, createProviderHandlers(framework, logger)),
    onStop: () => framework.stop(),
  });
}
