import type { Logger } from '../bridge/logging.js';
import type { ClientCapabilities, PrivateData, ProviderSchemas, ProviderServer, WithDiagnostics } from '../bridge/protocol/provider-server.js';
import { isPlainObject, isWhollyKnown, type TfObject, type TfValue } from '../bridge/tftypes/value.js';
import { mapValues } from '../../common/records.js';
import { bodyType } from './body-type.js';
import { fromModel, toModel, type Model } from './conversion.js';
import { Diagnostics } from './diagnostics.js';
import { describeError, ResourceError } from './errors.js';
import { callLogger, sensitiveStrings, SILENT } from './logging.js';
import { moveState } from './move.js';
import { planResourceChange } from './planning.js';
import { decodePrivate, encodePrivate, takeImportMark, withImportMark, type JsonValue } from './private-state.js';
import type { ProviderDefinition } from './provider.js';
import type { AnyDataSource, AnyEphemeralResource, AnyResource, ApplyContext, CallContext, ResourceContext } from './resource.js';
import type { Schema } from './schema.js';
import { missingValues } from './state.js';
import { upgradeState } from './upgrade.js';
import { valuesEqual } from './value-equality.js';
import { unknownAsNull } from './values.js';
import { rejectWriteOnlyWithoutSupport, validateConfig } from './validation.js';
import { toWireSchema } from './wire-schema.js';

const NO_PRIVATE: PrivateData = new Uint8Array();

type Private = Record<string, JsonValue>;

/**
 * The framework engine: turns a declarative provider definition into the wire-level ProviderServer.
 * It owns the rules Terraform enforces (planning, write-only nulling, no unknowns after apply, vanished
 * objects, placeholders of failed applies) so that resource files only describe their schema and API calls.
 */
export class FrameworkServer<C> implements ProviderServer {
  private client: C | undefined;
  private configurationUnknown = false;
  private stopController = new AbortController();
  /** Values of the provider block's sensitive attributes, masked in every log line. */
  private providerSecrets: string[] = [];
  private readonly logger: Logger;
  private readonly resources: Map<string, AnyResource<C>>;
  private readonly dataSources: Map<string, AnyDataSource<C>>;
  private readonly ephemeral: Map<string, AnyEphemeralResource<C>>;
  private schemaCache: ProviderSchemas | undefined;

  constructor(private readonly provider: ProviderDefinition<Schema, C>) {
    this.logger = provider.logger ?? SILENT;
    this.resources = new Map(provider.resources.map((r) => [r.typeName, r]));
    this.dataSources = new Map(provider.dataSources.map((d) => [d.typeName, d]));
    this.ephemeral = new Map(provider.ephemeralResources.map((e) => [e.typeName, e]));
  }

  schemas(): ProviderSchemas {
    this.schemaCache ??= {
      provider: toWireSchema(this.provider.schema),
      resources: mapValues(Object.fromEntries(this.resources), (r) => toWireSchema(r.schema)),
      dataSources: mapValues(Object.fromEntries(this.dataSources), (d) => toWireSchema(d.schema)),
      ephemeralResources: mapValues(Object.fromEntries(this.ephemeral), (e) => toWireSchema(e.schema)),
    };
    return this.schemaCache;
  }

  stop(): void {
    this.stopController.abort(new Error('Terraform asked the provider to stop'));
    this.stopController = new AbortController();
  }

  async validateProviderConfig(config: TfValue): Promise<WithDiagnostics> {
    return { diagnostics: validateConfig(this.provider.schema, this.provider.configValidators, asObject(config)).items };
  }

  async configureProvider(req: { config: TfValue; terraformVersion: string }): Promise<WithDiagnostics> {
    const diagnostics = new Diagnostics();
    // The block depends on values known only at apply (say, a token created in the same run): Terraform will
    // configure again then. Until then, only planning that needs no API call can proceed.
    this.configurationUnknown = !isWhollyKnown(req.config);
    void this.releaseClient();
    if (this.configurationUnknown) return { diagnostics: [] };
    this.providerSecrets = sensitiveStrings(this.provider.schema, req.config);
    this.client = await this.provider.configure({
      config: toModel(this.provider.schema, req.config),
      terraformVersion: req.terraformVersion,
      diagnostics,
      signal: this.stopController.signal,
      logger: callLogger(this.logger, { tf_rpc: 'ConfigureProvider' }, this.providerSecrets),
    });
    return { diagnostics: diagnostics.items };
  }

  /** Releases the configured client, for a server that is done (the end of a session of a long-lived process). */
  close(): Promise<void> {
    return this.releaseClient();
  }

  /**
   * Drops the current client and hands it to the provider's `release`. Configuring does not wait for it: a release
   * lets the client's calls in flight finish first, and those belong to the configuration being replaced.
   */
  private releaseClient(): Promise<void> {
    const previous = this.client;
    this.client = undefined;
    if (previous === undefined || !this.provider.release) return Promise.resolve();
    return this.provider.release(previous).catch((error: unknown) => {
      this.logger.warn(`releasing a provider configuration failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  async validateResourceConfig(req: { typeName: string; config: TfValue; capabilities: ClientCapabilities }): Promise<WithDiagnostics> {
    return this.with(this.resources, req.typeName, 'validate', {}, async (resource, diagnostics) => {
      const config = asObject(req.config);
      warnIfDeprecated(resource.typeName, resource.schema, diagnostics);
      diagnostics.append(validateConfig(resource.schema, resource.configValidators, config));
      if (!req.capabilities.writeOnlyAttributesAllowed) rejectWriteOnlyWithoutSupport(resource.schema, config, diagnostics);
      return {};
    });
  }

  async upgradeResourceState(req: { typeName: string; version: number; rawStateJson: Uint8Array | null }) {
    return this.with(this.resources, req.typeName, 'upgrade', { state: null }, async (resource, diagnostics, client) => {
      const logger = this.callLogger(resource, 'UpgradeResourceState');
      // The client is there unless the provider block has values known only after apply.
      const ctx = { client, diagnostics, logger };
      return { state: upgradeState(resource, req.version, req.rawStateJson, ctx) };
    });
  }

  async moveResourceState(req: { sourceProviderAddress: string; sourceTypeName: string; sourceVersion: number; sourceStateJson: Uint8Array | null; targetTypeName: string }) {
    return this.with(this.resources, req.targetTypeName, 'move', { state: null, private: NO_PRIVATE }, async (resource, diagnostics) => {
      // No client, even when a previous command of a reattached provider configured one: Terraform moves states
      // before it configures the provider.
      const moved = moveState(resource, req, { diagnostics, logger: this.callLogger(resource, 'MoveResourceState') });
      // The source's private data belongs to another type (or provider): none of it carries over.
      return { state: moved === null ? null : this.completeState(resource, moved, diagnostics, 'move'), private: NO_PRIVATE };
    });
  }

  async readResource(req: { typeName: string; state: TfValue; private: PrivateData }) {
    return this.with(this.resources, req.typeName, 'read', { state: req.state, private: req.private }, async (resource, diagnostics, client) => {
      if (!isPlainObject(req.state)) return { state: null, private: req.private };
      const data = decodePrivate(req.private);
      this.sawStored(resource, req.state, data);
      const imported = takeImportMark(data);
      const ctx = this.resourceContext(client, resource, 'ReadResource', diagnostics, data, req.state);
      const placeholder = missingValues(resource.schema, req.state).length > 0;
      const current = placeholder ? await this.resolvePlaceholder(resource, req.state, ctx) : await resource.read({ state: toModel(resource.schema, req.state) }, ctx);
      if (current === null && !placeholder) this.warnRemoved(resource, req.state, diagnostics, ctx.logger);
      return { state: current === null ? null : this.completeState(resource, current, diagnostics, 'read'), private: encodePrivate(withImportMark(data, imported)) };
    });
  }

  async planResourceChange(req: { typeName: string; priorState: TfValue; proposedNewState: TfValue; config: TfValue; priorPrivate: PrivateData }) {
    return this.with(this.resources, req.typeName, 'plan', { plannedState: null, requiresReplace: [], plannedPrivate: req.priorPrivate }, async (resource, diagnostics, client) => {
      const prior = asNullableObject(req.priorState);
      if (prior !== null && missingValues(resource.schema, prior).length > 0) {
        throw new ResourceError('placeholder state', 'The stored state is a placeholder a failed apply left; plan with refresh (without -refresh=false) to settle it first.');
      }
      const data = decodePrivate(req.priorPrivate);
      if (prior !== null) this.sawStored(resource, prior, data);
      const imported = takeImportMark(data);
      const plan = await planResourceChange(
        resource,
        { prior, proposed: asNullableObject(req.proposedNewState), config: asNullableObject(req.config), imported },
        {
          diagnostics,
          client,
          logger: this.callLogger(resource, 'PlanResourceChange', req.priorState, req.config),
          private: data,
        },
      );
      return { plannedState: plan.planned, requiresReplace: plan.requiresReplace.map((p) => [...p.steps]), plannedPrivate: encodePrivate(withImportMark(data, imported)) };
    });
  }

  async applyResourceChange(req: { typeName: string; priorState: TfValue; plannedState: TfValue; config: TfValue; plannedPrivate: PrivateData }) {
    const operation = req.plannedState === null ? 'delete' : req.priorState === null ? 'create' : 'update';
    return this.with(this.resources, req.typeName, operation, { state: req.priorState, private: req.plannedPrivate }, async (resource, diagnostics, client) => {
      const { schema } = resource;
      const data = decodePrivate(req.plannedPrivate);
      // Once applied, the state holds what the configuration says: it no longer stands for an import.
      takeImportMark(data);
      const prior = asNullableObject(req.priorState);
      if (prior !== null) this.sawStored(resource, prior, data);
      if (req.plannedState === null) {
        if (prior === null) return { state: null, private: NO_PRIVATE };
        const ctx = this.resourceContext(client, resource, 'ApplyResourceChange', diagnostics, data, prior);
        const state = missingValues(schema, prior).length > 0 ? await this.resolvePlaceholder(resource, prior, ctx) : toModel(schema, prior);
        if (state !== null) await resource.delete({ state }, ctx);
        return { state: null, private: NO_PRIVATE };
      }
      // Terraform plans an update whose values equal the prior state's when only its sensitivity marks differ (a
      // state moved from another type, planned without refresh): there is nothing to send.
      if (prior !== null && valuesEqual(req.plannedState, prior, bodyType(schema))) return { state: req.plannedState, private: req.plannedPrivate };
      let partial: TfObject | undefined;
      const ctx: ApplyContext<C, Schema, Private> = {
        ...this.resourceContext(client, resource, 'ApplyResourceChange', diagnostics, data, req.priorState, req.plannedState, req.config),
        recordPartialState: (state) => {
          partial = fromModel(schema, state);
        },
      };
      const plan = toModel(schema, req.plannedState);
      const config = toModel(schema, req.config);
      const { update } = resource;
      if (prior !== null && !update) {
        diagnostics.addError('Provider bug: update not supported', `${req.typeName} has no update; every change should have been planned as a replacement.`);
        return { state: req.priorState, private: req.plannedPrivate };
      }
      try {
        const result = prior !== null && update ? await update({ plan, state: toModel(schema, prior), config }, ctx) : await resource.create({ plan, config }, ctx);
        const state = this.completeState(resource, result, diagnostics, operation);
        if (prior === null && this.client !== undefined && !diagnostics.hasError()) this.provider.onCreated?.(this.client, resource.typeName, state, data);
        return { state, private: encodePrivate(data) };
      } catch (error) {
        if (partial === undefined) throw error;
        report(error, operation, req.typeName, diagnostics);
        return { state: unknownAsNull(partial), private: encodePrivate(data) };
      }
    });
  }

  async importResourceState(req: { typeName: string; id: string }) {
    return this.with(this.resources, req.typeName, 'import', { imported: [] }, async (resource, diagnostics, client) => {
      if (!resource.importState) {
        diagnostics.addError('Import not supported', `${req.typeName} cannot be imported.`);
        return { imported: [] };
      }
      const data: Private = {};
      const state = await resource.importState({ id: req.id }, this.resourceContext(client, resource, 'ImportResourceState', diagnostics, data));
      if (state === null) {
        diagnostics.addError(
          'Cannot import non-existent remote object',
          `There is no ${displayName(resource)} with the import id ${JSON.stringify(req.id)}: only existing objects can be imported. Check the id, or let terraform apply create the object.`,
        );
        return { imported: [] };
      }
      return {
        imported: [{ typeName: req.typeName, state: this.completeState(resource, state, diagnostics, 'import'), private: encodePrivate(withImportMark(data, true)) }],
      };
    });
  }

  async validateDataResourceConfig(req: { typeName: string; config: TfValue }) {
    return this.with(this.dataSources, req.typeName, 'validate', {}, async (dataSource, diagnostics) => {
      warnIfDeprecated(dataSource.typeName, dataSource.schema, diagnostics);
      diagnostics.append(validateConfig(dataSource.schema, dataSource.configValidators, asObject(req.config)));
      return {};
    });
  }

  async readDataSource(req: { typeName: string; config: TfValue }) {
    return this.with<AnyDataSource<C>, { state: TfValue }>(this.dataSources, req.typeName, 'read', { state: null }, async (dataSource, diagnostics, client) => {
      const ctx = this.context(client, diagnostics, this.callLogger(dataSource, 'ReadDataSource', req.config));
      const result = await dataSource.read({ config: toModel(dataSource.schema, req.config) }, ctx);
      return { state: fromModel(dataSource.schema, result) };
    });
  }

  async validateEphemeralResourceConfig(req: { typeName: string; config: TfValue }) {
    return this.with(this.ephemeral, req.typeName, 'validate', {}, async (ephemeral, diagnostics) => {
      diagnostics.append(validateConfig(ephemeral.schema, ephemeral.configValidators, asObject(req.config)));
      return {};
    });
  }

  async openEphemeralResource(req: { typeName: string; config: TfValue }) {
    return this.with<AnyEphemeralResource<C>, { result: TfValue; private: PrivateData }>(this.ephemeral, req.typeName, 'open', { result: null, private: NO_PRIVATE }, async (ephemeral, diagnostics, client) => {
      const ctx = this.context(client, diagnostics, this.callLogger(ephemeral, 'OpenEphemeralResource', req.config));
      const opened = await ephemeral.open({ config: toModel(ephemeral.schema, req.config) }, ctx);
      return { result: fromModel(ephemeral.schema, opened.result), private: encodePrivate(opened.private) };
    });
  }

  async renewEphemeralResource(req: { typeName: string; private: PrivateData }) {
    return { diagnostics: [], private: req.private };
  }

  async closeEphemeralResource(req: { typeName: string; private: PrivateData }) {
    return this.with(this.ephemeral, req.typeName, 'close', {}, async (ephemeral, diagnostics, client) => {
      if (req.private.length === 0) return {};
      await ephemeral.close({ private: decodePrivate(req.private) }, this.context(client, diagnostics, this.callLogger(ephemeral, 'CloseEphemeralResource')));
      return {};
    });
  }

  /** `client`: the one this call received (`forCall`), undefined when the provider is not configured. */
  private context(client: C | undefined, diagnostics: Diagnostics, logger: Logger): CallContext<C> {
    if (client === undefined && this.configurationUnknown) {
      throw new Error(
        'The provider block depends on values that are only known after apply, and this step needs to call the API. ' +
          'Apply the resources the provider block depends on first (for example with -target), or configure the provider from known values.',
      );
    }
    if (client === undefined) throw new Error('the provider is not configured; check the provider block for errors reported above');
    return { client, diagnostics, signal: this.stopController.signal, logger };
  }

  private resourceContext(client: C | undefined, resource: AnyResource<C>, rpc: string, diagnostics: Diagnostics, data: Private, ...values: TfValue[]): ResourceContext<C, Private> {
    return { ...this.context(client, diagnostics, this.callLogger(resource, rpc, ...values)), private: data };
  }

  /** Tagged with the call; masks the sensitive values of the provider block and of `values` (of this type's schema). */
  private callLogger(definition: { typeName: string; schema: Schema }, rpc: string, ...values: TfValue[]): Logger {
    const secrets = [...this.providerSecrets, ...sensitiveStrings(definition.schema, ...values)];
    return callLogger(this.logger, { tf_rpc: rpc, tf_resource_type: definition.typeName }, secrets);
  }

  /** The object a placeholder stands for, or null; a resource that cannot settle placeholders drops them, with a warning. */
  private async resolvePlaceholder(resource: AnyResource<C>, state: TfObject, ctx: ResourceContext<C, Private>): Promise<Model | null> {
    if (!resource.resolvePlaceholder) {
      const name = displayName(resource);
      ctx.diagnostics.addWarning(
        'Incomplete state dropped',
        `The stored state of this ${name} has no ${missingValues(resource.schema, state).join(', ')}, so the provider cannot find the object, and removes it from ` +
          `the state. If the ${name} exists on the server, import it or delete it there.`,
      );
      return null;
    }
    const resolved = await resource.resolvePlaceholder({ state: toModel(resource.schema, state) }, ctx);
    ctx.logger.info(resolved === null ? 'placeholder settled: the object was never made' : 'placeholder settled: the object exists');
    return resolved;
  }

  private warnRemoved(resource: AnyResource<C>, state: TfObject, diagnostics: Diagnostics, logger: Logger): void {
    const name = displayName(resource);
    const id = typeof state.id === 'string' ? ` ${JSON.stringify(state.id)}` : '';
    diagnostics.addWarning(
      `${name.charAt(0).toUpperCase()}${name.slice(1)} no longer exists`,
      `The ${name}${id} was deleted outside Terraform. Terraform removed it from the state and will plan to create it again.`,
    );
    logger.info('removed from state: the object no longer exists');
  }

  /** Hands a stored state to the provider's bookkeeping, which may drop parts of its private data. */
  private sawStored(resource: AnyResource<C>, state: TfObject, data: Record<string, JsonValue>): void {
    if (this.client !== undefined) this.provider.onStoredState?.(this.client, resource.typeName, state, data);
  }

  /** A resource's result as Terraform requires it after apply, read or import: every attribute present, write-only null, nothing unknown. */
  private completeState(resource: AnyResource<C>, model: Model, diagnostics: Diagnostics, operation: string): TfObject {
    const state = fromModel(resource.schema, model);
    if (!isWhollyKnown(state)) diagnostics.addError('Provider bug: unknown value after apply', `${resource.typeName} left a value unknown.`);
    const missing = missingValues(resource.schema, state);
    if (missing.length > 0) diagnostics.addError('Provider bug: missing value', `${resource.typeName} left ${missing.join(', ')} null after ${operation}.`);
    return state;
  }

  /**
   * Finds the definition, runs the handler, and turns anything thrown into an error diagnostic naming the
   * operation, so one failing call never becomes a gRPC error.
   */
  private async with<D extends { typeName: string }, R extends object>(
    registry: Map<string, D>,
    typeName: string,
    operation: string,
    fallback: R,
    handler: (definition: D, diagnostics: Diagnostics, client: C | undefined) => Promise<R>,
  ): Promise<R & WithDiagnostics> {
    const diagnostics = new Diagnostics();
    const definition = registry.get(typeName);
    if (!definition) {
      diagnostics.addError('Unknown type', `This provider has no ${typeName}.`);
      return { ...fallback, diagnostics: diagnostics.items };
    }
    try {
      const { client } = this;
      const { forCall } = this.provider;
      const result = await handler(definition, diagnostics, client !== undefined && forCall ? forCall(client) : client);
      return { ...result, diagnostics: diagnostics.items };
    } catch (error) {
      report(error, operation, typeName, diagnostics);
      return { ...fallback, diagnostics: diagnostics.items };
    }
  }
}

function report(error: unknown, operation: string, typeName: string, diagnostics: Diagnostics): void {
  const { summary, detail, attribute } = describeError(error, operation, typeName);
  if (attribute) diagnostics.addAttributeError(attribute, summary, detail);
  else diagnostics.addError(summary, detail);
}

function warnIfDeprecated(typeName: string, schema: Schema, diagnostics: Diagnostics): void {
  if (schema.deprecated !== undefined) diagnostics.addWarning(`${typeName} is deprecated`, schema.deprecated);
}

const displayName = (resource: AnyResource<unknown>): string => resource.displayName ?? resource.typeName;

function asObject(value: TfValue): TfObject {
  return isPlainObject(value) ? value : {};
}

function asNullableObject(value: TfValue): TfObject | null {
  return isPlainObject(value) ? value : null;
}
