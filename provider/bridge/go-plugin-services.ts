// The services every go-plugin server offers next to the plugin's own. Terraform calls StreamStdio and
// StartStream on connect and Shutdown when it is done with the process; without Shutdown it waits two
// seconds and then kills us, on every one of the several processes a single `terraform apply` starts.
import * as grpc from '@grpc/grpc-js';
import type { ConnInfo, ConnInfo__Output } from '../../schema/generated/plugin/ConnInfo.js';
import type { GRPCBrokerHandlers } from '../../schema/generated/plugin/GRPCBroker.js';
import type { GRPCControllerHandlers } from '../../schema/generated/plugin/GRPCController.js';
import type { GRPCStdioHandlers } from '../../schema/generated/plugin/GRPCStdio.js';
import type { HealthHandlers } from '../../schema/generated/grpc/health/v1/Health.js';
import type { HealthCheckRequest__Output } from '../../schema/generated/grpc/health/v1/HealthCheckRequest.js';
import type { HealthCheckResponse } from '../../schema/generated/grpc/health/v1/HealthCheckResponse.js';
import type { StdioData } from '../../schema/generated/plugin/StdioData.js';
import type { Empty__Output } from '../../schema/generated/google/protobuf/Empty.js';
import type { Logger } from './logging.js';
import { protocolServices } from './protocol/load.js';

/** go-plugin's health check asks about this service name. */
export const HEALTH_SERVICE_NAME = 'plugin';

type OpenStream =
  | grpc.ServerWritableStream<Empty__Output, StdioData>
  | grpc.ServerWritableStream<HealthCheckRequest__Output, HealthCheckResponse>
  | grpc.ServerDuplexStream<ConnInfo__Output, ConnInfo>;

export interface GoPluginServices {
  /** Ends the long-lived streams so that a graceful server shutdown is not held open by them. */
  endStreams(): void;
}

export interface GoPluginServiceOptions {
  logger: Logger;
  /** Called once Shutdown has been answered. */
  onShutdown(): void;
}

export function addGoPluginServices(server: grpc.Server, options: GoPluginServiceOptions): GoPluginServices {
  const services = protocolServices();
  const openStreams = new Set<OpenStream>();
  const track = (stream: OpenStream) => {
    openStreams.add(stream);
    stream.on('cancelled', () => openStreams.delete(stream));
    stream.on('error', () => openStreams.delete(stream));
  };

  const controller: GRPCControllerHandlers = {
    Shutdown(_call, callback) {
      options.logger.debug('plugin host requested shutdown');
      callback(null, {});
      setImmediate(options.onShutdown);
    },
  };

  // We never write to stdout after the handshake, so there is nothing to forward; like go-plugin's, the
  // stream stays open for the life of the process.
  const stdio: GRPCStdioHandlers = {
    StreamStdio(call) {
      track(call);
    },
  };

  // The broker only serves plugin-to-host callbacks, which Terraform providers never use.
  const broker: GRPCBrokerHandlers = {
    StartStream(call) {
      track(call);
      call.on('data', () => {});
    },
  };

  // The plugin, and the server as a whole (empty name), serve for as long as the process lives.
  const statusOf = (service: string) => (service === HEALTH_SERVICE_NAME || service === '' ? 'SERVING' : undefined);
  const health: HealthHandlers = {
    Check(call, callback) {
      const status = statusOf(call.request.service);
      if (status) callback(null, { status });
      else callback({ code: grpc.status.NOT_FOUND, details: `unknown service ${call.request.service}` });
    },
    Watch(call) {
      track(call);
      call.write({ status: statusOf(call.request.service) ?? 'SERVICE_UNKNOWN' });
    },
  };

  server.addService(services.controller, controller);
  server.addService(services.stdio, stdio);
  server.addService(services.broker, broker);
  server.addService(services.health, health);

  return {
    endStreams() {
      for (const stream of openStreams) stream.end();
      openStreams.clear();
    },
  };
}
