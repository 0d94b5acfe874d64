import protobuf from 'protobufjs';
import { descriptor } from '../../../schema/generated/descriptor.js';
import { loadProtocol, protocolServices } from '../../../provider/bridge/protocol/load.js';

// Wire facts: these numbers are what Terraform's own definitions use. A wrong one silently drops data.
const root = protobuf.Root.fromJSON(descriptor as protobuf.INamespace);
const fieldId = (type: string, field: string) => root.lookupType(type).fields[field]?.id;

describe('tfplugin6 wire facts', () => {
  test.each([
    ['tfplugin6.DynamicValue', 'msgpack', 1],
    ['tfplugin6.DynamicValue', 'json', 2],
    ['tfplugin6.Schema.Attribute', 'nested_type', 10],
    ['tfplugin6.Schema.Attribute', 'write_only', 11],
    ['tfplugin6.Schema', 'block', 2],
    ['tfplugin6.ServerCapabilities', 'plan_destroy', 1],
    ['tfplugin6.ServerCapabilities', 'get_provider_schema_optional', 2],
    ['tfplugin6.ServerCapabilities', 'move_resource_state', 3],
    ['tfplugin6.ClientCapabilities', 'deferral_allowed', 1],
    ['tfplugin6.ClientCapabilities', 'write_only_attributes_allowed', 2],
    ['tfplugin6.GetProviderSchema.Response', 'functions', 7],
    ['tfplugin6.GetProviderSchema.Response', 'ephemeral_resource_schemas', 8],
    ['tfplugin6.StopProvider.Response', 'Error', 1],
    ['tfplugin6.ValidateProviderConfig.Response', 'diagnostics', 2],
    ['tfplugin6.PlanResourceChange.Request', 'prior_identity', 8],
    ['tfplugin6.PlanResourceChange.Response', 'deferred', 6],
    ['tfplugin6.PlanResourceChange.Response', 'planned_identity', 7],
    ['tfplugin6.ApplyResourceChange.Response', 'new_identity', 5],
    ['tfplugin6.ReadResource.Request', 'current_identity', 6],
    ['tfplugin6.ImportResourceState.Request', 'identity', 4],
    ['tfplugin6.MoveResourceState.Request', 'source_identity', 7],
    ['tfplugin6.OpenEphemeralResource.Response', 'renew_at', 2],
    ['tfplugin6.GetResourceIdentitySchemas.Response', 'identity_schemas', 1],
    ['tfplugin6.UpgradeResourceIdentity.Request', 'raw_identity', 3],
    ['tfplugin6.AttributePath.Step', 'element_key_int', 3],
    ['plugin.StdioData', 'data', 2],
    ['plugin.ConnInfo', 'knock', 4],
  ])('%s.%s is field %i', (type, field, id) => {
    expect(fieldId(type, field)).toBe(id);
  });

  test('diagnostic severities and nesting modes keep their numbers', () => {
    expect(root.lookupEnum('tfplugin6.Diagnostic.Severity').values).toEqual({ INVALID: 0, ERROR: 1, WARNING: 2 });
    expect(root.lookupEnum('tfplugin6.Schema.NestedBlock.NestingMode').values).toMatchObject({ SINGLE: 1, GROUP: 5 });
  });

  test('the Provider service has every RPC Terraform 1.11 and 1.12 call', () => {
    expect(Object.keys(root.lookupService('tfplugin6.Provider').methods).sort()).toEqual(
      [
        'GetMetadata', 'GetProviderSchema', 'ValidateProviderConfig', 'ValidateResourceConfig',
        'ValidateDataResourceConfig', 'UpgradeResourceState', 'GetResourceIdentitySchemas', 'UpgradeResourceIdentity',
        'ConfigureProvider', 'ReadResource', 'PlanResourceChange', 'ApplyResourceChange', 'ImportResourceState',
        'MoveResourceState', 'ReadDataSource', 'ValidateEphemeralResourceConfig', 'OpenEphemeralResource',
        'RenewEphemeralResource', 'CloseEphemeralResource', 'GetFunctions', 'CallFunction', 'StopProvider',
      ].sort(),
    );
  });
});

describe('loaded service definitions', () => {
  test('gRPC paths are the ones the host dials', () => {
    const services = protocolServices();
    expect(services.provider.GetProviderSchema.path).toBe('/tfplugin6.Provider/GetProviderSchema');
    expect(services.provider.OpenEphemeralResource.path).toBe('/tfplugin6.Provider/OpenEphemeralResource');
    expect(services.controller.Shutdown.path).toBe('/plugin.GRPCController/Shutdown');
    expect(services.stdio.StreamStdio.path).toBe('/plugin.GRPCStdio/StreamStdio');
    expect(services.broker.StartStream.path).toBe('/plugin.GRPCBroker/StartStream');
  });

  test('streaming shapes match go-plugin', () => {
    const { stdio, broker, controller } = protocolServices();
    expect([stdio.StreamStdio.requestStream, stdio.StreamStdio.responseStream]).toEqual([false, true]);
    expect([broker.StartStream.requestStream, broker.StartStream.responseStream]).toEqual([true, true]);
    expect([controller.Shutdown.requestStream, controller.Shutdown.responseStream]).toEqual([false, false]);
  });

  test('messages round-trip with the options the generated types assume', () => {
    const { provider } = protocolServices();
    const method = provider.PlanResourceChange;
    const bytes = method.responseSerialize({
      planned_state: { msgpack: Buffer.from([0xc0]) },
      requires_replace: [{ steps: [{ attribute_name: 'name' }] }],
      deferred: { reason: 'RESOURCE_CONFIG_UNKNOWN' },
    });
    const decoded = method.responseDeserialize(bytes);
    expect(decoded.planned_state?.msgpack).toEqual(Buffer.from([0xc0]));
    expect(decoded.requires_replace[0]?.steps[0]).toMatchObject({ attribute_name: 'name', selector: 'attribute_name' });
    expect(decoded.deferred?.reason).toBe('RESOURCE_CONFIG_UNKNOWN');
    expect(decoded.legacy_type_system).toBe(false);
  });

  test('loadProtocol exposes the package tree', () => {
    const tree = loadProtocol() as Record<string, Record<string, { service?: unknown }>>;
    expect(Object.keys(tree.tfplugin6?.Provider?.service ?? {})).toEqual(
      expect.arrayContaining(['GetProviderSchema', 'ValidateResourceConfig', 'PlanResourceChange', 'ApplyResourceChange', 'ReadResource', 'StopProvider']),
    );
    expect(Object.keys(tree.plugin?.GRPCController?.service ?? {})).toEqual(['Shutdown']);
  });
});
