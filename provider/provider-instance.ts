// One provider ready to serve one Terraform session: its framework (configured client, stop signal), the
// gRPC handlers over it, and the count of its calls in flight.
import type * as grpc from '@grpc/grpc-js';
import { CallsInFlight } from './bridge/calls-in-flight.js';
import type { Logger } from './bridge/logging.js';
import { createProviderHandlers } from './bridge/protocol/grpc-provider.js';
import { FrameworkServer } from './framework/server.js';
import { kestraProvider } from './kestra-provider.js';
import type { ProviderHost } from './provider-config.js';

export interface ProviderInstance {
  logger: Logger;
  framework: FrameworkServer<unknown>;
  handlers: grpc.UntypedServiceImplementation;
  calls: CallsInFlight;
}

export function providerInstance(logger: Logger, host: ProviderHost): ProviderInstance {
  const framework = new FrameworkServer(kestraProvider(logger, host)) as FrameworkServer<unknown>;
  const calls = new CallsInFlight();
  const handlers = createProviderHandlers(framework, logger, calls) as unknown as grpc.UntypedServiceImplementation;
  return { logger, framework, handlers, calls };
}
