import type * as grpc from '@grpc/grpc-js';
import { mapValues } from '../../../common/records.js';
import type { ProviderHandlers } from '../../../schema/generated/tfplugin6/Provider.js';
import type { CallsInFlight } from '../calls-in-flight.js';
import type { Logger } from '../logging.js';
import type { TfType } from '../tftypes/type.js';
import * as fromProto from './from-proto.js';
import { impliedType, type ProviderSchemas, type ProviderServer, type WireSchema } from './provider-server.js';
import * as toProto from './to-proto.js';

type Kind = 'resources' | 'dataSources' | 'ephemeralResources';

/**
 * The tfplugin6.Provider gRPC service. Every handler has the same three steps: decode the request with the
 * schema's type, call the ProviderServer, encode the response. Failures become diagnostics, never gRPC errors.
 */
export function createProviderHandlers(server: ProviderServer, logger: Logger, calls?: CallsInFlight): ProviderHandlers {
  const schemas: ProviderSchemas = server.schemas();
  // One type per schema, not one per call: the codec keeps per-type work (attribute order) keyed by the type.
  const types = new WeakMap<WireSchema, TfType>();
  const typeOf = (kind: Kind, typeName: string): TfType => {
    const schema: WireSchema | undefined = schemas[kind][typeName];
    if (!schema) return { object: {} };
    let type = types.get(schema);
    if (type === undefined) types.set(schema, (type = impliedType(schema.block)));
    return type;
  };
  const providerType = impliedType(schemas.provider.block);

  /** Wraps a handler: logs the call and its duration, and turns an unexpected exception into an error diagnostic. */
  function unary<Req, Res>(rpc: string, handle: (req: Req) => Promise<Res>): grpc.handleUnaryCall<Req, Res> {
    return (call, callback) => {
      const started = performance.now();
      const typeName = (call.request as { type_name?: string }).type_name;
      const work = handle(call.request);
      (calls ? calls.track(work) : work)
        .catch((error: unknown) => {
          logger.error('provider call failed', { rpc, type: typeName, error: String(error) });
          return {
            diagnostics: toProto.diagnostics([{ severity: 'error', summary: `Provider error in ${rpc}`, detail: String(error instanceof Error ? error.message : error) }]),
          } as Res;
        })
        .then((response) => {
          logger.trace('rpc', { rpc, type: typeName, duration_ms: Math.round(performance.now() - started) });
          callback(null, response);
        });
    };
  }

  return {
    GetMetadata: unary('GetMetadata', async () => ({
      server_capabilities: serverCapabilities,
      resources: Object.keys(schemas.resources).map((type_name) => ({ type_name })),
      data_sources: Object.keys(schemas.dataSources).map((type_name) => ({ type_name })),
      ephemeral_resources: Object.keys(schemas.ephemeralResources).map((type_name) => ({ type_name })),
      functions: [],
      diagnostics: [],
    })),

    GetProviderSchema: unary('GetProviderSchema', async () => ({
      provider: toProto.schema(schemas.provider),
      resource_schemas: mapValues(schemas.resources, toProto.schema),
      data_source_schemas: mapValues(schemas.dataSources, toProto.schema),
      ephemeral_resource_schemas: mapValues(schemas.ephemeralResources, toProto.schema),
      functions: {},
      server_capabilities: serverCapabilities,
      diagnostics: [],
    })),

    GetResourceIdentitySchemas: unary('GetResourceIdentitySchemas', async () => ({ identity_schemas: {}, diagnostics: [] })),

    ValidateProviderConfig: unary('ValidateProviderConfig', async (req) => {
      const result = await server.validateProviderConfig(fromProto.dynamicValue(req.config, providerType));
      return { diagnostics: toProto.diagnostics(result.diagnostics) };
    }),

    ConfigureProvider: unary('ConfigureProvider', async (req) => {
      const result = await server.configureProvider({ config: fromProto.dynamicValue(req.config, providerType), terraformVersion: req.terraform_version });
      return { diagnostics: toProto.diagnostics(result.diagnostics) };
    }),

    StopProvider: unary('StopProvider', async () => {
      server.stop('StopProvider');
      return { Error: '' };
    }),

    ValidateResourceConfig: unary('ValidateResourceConfig', async (req) => {
      const result = await server.validateResourceConfig({
        typeName: req.type_name,
        config: fromProto.dynamicValue(req.config, typeOf('resources', req.type_name)),
        capabilities: fromProto.clientCapabilities(req.client_capabilities),
      });
      return { diagnostics: toProto.diagnostics(result.diagnostics) };
    }),

    UpgradeResourceState: unary('UpgradeResourceState', async (req) => {
      const type = typeOf('resources', req.type_name);
      const result = await server.upgradeResourceState({
        typeName: req.type_name,
        version: Number(req.version),
        rawStateJson: fromProto.rawStateJson(req.raw_state),
      });
      return { upgraded_state: toProto.dynamicValue(result.state, type), diagnostics: toProto.diagnostics(result.diagnostics) };
    }),

    ReadResource: unary('ReadResource', async (req) => {
      const type = typeOf('resources', req.type_name);
      const result = await server.readResource({ typeName: req.type_name, state: fromProto.dynamicValue(req.current_state, type), private: req.private });
      return { new_state: toProto.dynamicValue(result.state, type), private: Buffer.from(result.private), diagnostics: toProto.diagnostics(result.diagnostics) };
    }),

    PlanResourceChange: unary('PlanResourceChange', async (req) => {
      const type = typeOf('resources', req.type_name);
      const result = await server.planResourceChange({
        typeName: req.type_name,
        priorState: fromProto.dynamicValue(req.prior_state, type),
        proposedNewState: fromProto.dynamicValue(req.proposed_new_state, type),
        config: fromProto.dynamicValue(req.config, type),
        priorPrivate: req.prior_private,
      });
      return {
        planned_state: toProto.dynamicValue(result.plannedState, type),
        requires_replace: result.requiresReplace.map(toProto.attributePath),
        planned_private: Buffer.from(result.plannedPrivate),
        diagnostics: toProto.diagnostics(result.diagnostics),
      };
    }),

    ApplyResourceChange: unary('ApplyResourceChange', async (req) => {
      const type = typeOf('resources', req.type_name);
      const result = await server.applyResourceChange({
        typeName: req.type_name,
        priorState: fromProto.dynamicValue(req.prior_state, type),
        plannedState: fromProto.dynamicValue(req.planned_state, type),
        config: fromProto.dynamicValue(req.config, type),
        plannedPrivate: req.planned_private,
      });
      return { new_state: toProto.dynamicValue(result.state, type), private: Buffer.from(result.private), diagnostics: toProto.diagnostics(result.diagnostics) };
    }),

    ImportResourceState: unary('ImportResourceState', async (req) => {
      const result = await server.importResourceState({ typeName: req.type_name, id: req.id });
      return {
        imported_resources: result.imported.map((r) => ({
          type_name: r.typeName,
          state: toProto.dynamicValue(r.state, typeOf('resources', r.typeName)),
          private: Buffer.from(r.private),
        })),
        diagnostics: toProto.diagnostics(result.diagnostics),
      };
    }),

    MoveResourceState: unary('MoveResourceState', async (req) => {
      const result = await server.moveResourceState({
        sourceProviderAddress: req.source_provider_address,
        sourceTypeName: req.source_type_name,
        sourceVersion: Number(req.source_schema_version),
        sourceStateJson: fromProto.rawStateJson(req.source_state),
        targetTypeName: req.target_type_name,
      });
      return {
        target_state: toProto.dynamicValue(result.state, typeOf('resources', req.target_type_name)),
        target_private: Buffer.from(result.private),
        diagnostics: toProto.diagnostics(result.diagnostics),
      };
    }),

    UpgradeResourceIdentity: unary('UpgradeResourceIdentity', async () => ({
      diagnostics: toProto.diagnostics([{ severity: 'error', summary: 'Resource identity not supported', detail: 'This provider defines no resource identities.' }]),
    })),

    ValidateDataResourceConfig: unary('ValidateDataResourceConfig', async (req) => {
      const result = await server.validateDataResourceConfig({ typeName: req.type_name, config: fromProto.dynamicValue(req.config, typeOf('dataSources', req.type_name)) });
      return { diagnostics: toProto.diagnostics(result.diagnostics) };
    }),

    ReadDataSource: unary('ReadDataSource', async (req) => {
      const type = typeOf('dataSources', req.type_name);
      const result = await server.readDataSource({ typeName: req.type_name, config: fromProto.dynamicValue(req.config, type) });
      return { state: toProto.dynamicValue(result.state, type), diagnostics: toProto.diagnostics(result.diagnostics) };
    }),

    ValidateEphemeralResourceConfig: unary('ValidateEphemeralResourceConfig', async (req) => {
      const result = await server.validateEphemeralResourceConfig({
        typeName: req.type_name,
        config: fromProto.dynamicValue(req.config, typeOf('ephemeralResources', req.type_name)),
      });
      return { diagnostics: toProto.diagnostics(result.diagnostics) };
    }),

    OpenEphemeralResource: unary('OpenEphemeralResource', async (req) => {
      const type = typeOf('ephemeralResources', req.type_name);
      const result = await server.openEphemeralResource({ typeName: req.type_name, config: fromProto.dynamicValue(req.config, type) });
      return {
        result: toProto.dynamicValue(result.result, type),
        private: Buffer.from(result.private),
        ...(result.renewAt ? { renew_at: toProto.timestamp(result.renewAt) } : {}),
        diagnostics: toProto.diagnostics(result.diagnostics),
      };
    }),

    RenewEphemeralResource: unary('RenewEphemeralResource', async (req) => {
      const result = await server.renewEphemeralResource({ typeName: req.type_name, private: req.private ?? Buffer.alloc(0) });
      return {
        private: Buffer.from(result.private),
        ...(result.renewAt ? { renew_at: toProto.timestamp(result.renewAt) } : {}),
        diagnostics: toProto.diagnostics(result.diagnostics),
      };
    }),

    CloseEphemeralResource: unary('CloseEphemeralResource', async (req) => {
      const result = await server.closeEphemeralResource({ typeName: req.type_name, private: req.private ?? Buffer.alloc(0) });
      return { diagnostics: toProto.diagnostics(result.diagnostics) };
    }),

    GetFunctions: unary('GetFunctions', async () => ({ functions: {}, diagnostics: [] })),

    CallFunction: unary('CallFunction', async () => ({ error: { text: 'This provider defines no functions.' } })),
  };
}

/**
 * plan_destroy: Terraform asks us to plan destroys (we answer null). get_provider_schema_optional: the schema
 * is static, so Terraform may reuse its cached copy instead of asking each new provider process.
 * move_resource_state: `moved {}` blocks may turn another type's state (another provider's too) into one of ours.
 */
const serverCapabilities = { plan_destroy: true, get_provider_schema_optional: true, move_resource_state: true };
