import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { descriptor } from '../../../schema/generated/descriptor.js';
import type { HealthDefinition } from '../../../schema/generated/grpc/health/v1/Health.js';
import type { GRPCBrokerDefinition } from '../../../schema/generated/plugin/GRPCBroker.js';
import type { GRPCControllerDefinition } from '../../../schema/generated/plugin/GRPCController.js';
import type { GRPCStdioDefinition } from '../../../schema/generated/plugin/GRPCStdio.js';
import type { ProviderDefinition } from '../../../schema/generated/tfplugin6/Provider.js';

/** The same options the type generator ran with, so runtime objects match the generated types. */
export const PROTO_LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
};

let loaded: grpc.GrpcObject | undefined;

/** The gRPC package tree of every service in schema/ (tfplugin6, go-plugin), built once per process. */
export function loadProtocol(): grpc.GrpcObject {
  loaded ??= grpc.loadPackageDefinition(protoLoader.fromJSON(descriptor, PROTO_LOADER_OPTIONS));
  return loaded;
}

/** The service definitions of schema/, typed by the generated code, ready for `server.addService`. */
export interface ProtocolServices {
  provider: ProviderDefinition;
  controller: GRPCControllerDefinition;
  stdio: GRPCStdioDefinition;
  broker: GRPCBrokerDefinition;
  health: HealthDefinition;
}

export function protocolServices(): ProtocolServices {
  const tree = loadProtocol();
  const service = (pkg: string, name: string) => {
    const scope = pkg.split('.').reduce<grpc.GrpcObject | undefined>((node, part) => node?.[part] as grpc.GrpcObject | undefined, tree);
    const ctor = scope?.[name] as grpc.ServiceClientConstructor | undefined;
    if (!ctor?.service) throw new Error(`schema/generated has no service ${pkg}.${name}; run npm run codegen`);
    return ctor.service;
  };
  return {
    provider: service('tfplugin6', 'Provider') as ProviderDefinition,
    controller: service('plugin', 'GRPCController') as GRPCControllerDefinition,
    stdio: service('plugin', 'GRPCStdio') as GRPCStdioDefinition,
    broker: service('plugin', 'GRPCBroker') as GRPCBrokerDefinition,
    health: service('grpc.health.v1', 'Health') as HealthDefinition,
  };
}
