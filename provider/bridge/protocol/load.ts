import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { descriptor } from '../../../schema/generated/descriptor.js';

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
