import type { PrivateData, ProviderSchemas, ProviderServer, WithDiagnostics } from '../bridge/protocol/provider-server.js';
import { isPlainObject, isWhollyKnown, type TfObject, type TfValue } from '../bridge/tftypes/value.js';
import { Diagnostics } from './diagnostics.js';
import { describeError } from './errors.js';
import { planResourceChange } from './planning.js';
import type { ProviderDefinition } from './provider.js';
import type { AnyDataSource, AnyEphemeralResource, AnyResource, CallContext } from './resource.js';
import { fromModel, toModel, toWireSchema, type Schema } from './schema.js';
import { rejectWriteOnlyWithoutSupport, validateConfig } from './validation.js';

const NO_PRIVATE: PrivateData = new Uint8Array();

/**
 * The framework engine: turns a declarative provider definition into the wire-level ProviderServer.
 * It owns the rules Terraform enforces (planning, write-only nulling, no unknowns after apply) so that
 * resource files only describe their schema and their API calls.
 */
export class FrameworkServer<C> implements ProviderServer {
  private client: C | undefined;
  private configurationUnknown = false;
  private stopController = new AbortController();
  private readonly resources: Map<string, AnyResource<C>>;
  private readonly dataSources: Map<string, AnyDataSource<C>>;
  private readonly ephemeral: Map<string, AnyEphemeralResource<C>>;
  private schemaCache: ProviderSchemas | undefined;

  constructor(private readonly provider: ProviderDefinition<Schema, C>) {
    this.resources = new Map(provider.resources.map((r) => [r.typeName, r]));
    this.dataSources = new Map(provider.dataSources.map((d) => [d.typeName, d]));
    this.ephemeral = new Map(provider.ephemeralResources.map((e) => [e.typeName, e]));
  }

  schemas(): ProviderSchemas {
    this.schemaCache ??= {
      provider: toWireSchema(this.provider.schema),
      resources: Object.fromEntries([...this.resources].map(([name, r]) => [name, toWireSchema(r.schema)])),
      dataSources: Object.fromEntries([...this.dataSources].map(([name, d]) => [name, toWireSchema(d.schema)])),
      ephemeralResources: Object.fromEntries([...this.ephemeral].map(([name, e]) => [name, toWireSchema(e.schema)])),
    };
    return this.schemaCache;
  }

  stop(): void {
    this.stopController.abort(new Error('Terraform asked the provider to stop'));
    this.stopController = new AbortController();
  }

  async validateProviderConfig(config: TfValue): Promise<WithDiagnostics> {
    return { diagnostics: validateConfig(this.provider.schema, undefined, asObject(config)).items };
  }

  async configureProvider(req: { config: TfValue; terraformVersion: string }): Promise<WithDiagnostics> {
    const diagnostics = new Diagnostics();
    // The block depends on values known only at apply (say, a token created in the same run): Terraform will
    // configure again then. Until then, only planning that needs no API call can proceed.
    this.configurationUnknown = !isWhollyKnown(req.config);
    if (this.configurationUnknown) {
      this.client = undefined;
      return { diagnostics: [] };
    }
    this.client = await this.provider.configure({
      config: toModel(this.provider.schema, req.config),
      terraformVersion: req.terraformVersion,
      diagnostics,
      signal: this.stopController.signal,
    });
    return { diagnostics: diagnostics.items };
  }

  async validateResourceConfig(req: { typeName: string; config: TfValue; capabilities: { writeOnlyAttributesAllowed: boolean } }): Promise<WithDiagnostics> {
    return this.with(this.resources, req.typeName, async (resource, diagnostics) => {
      const config = asObject(req.config);
      diagnostics.append(validateConfig(resource.schema, resource.configValidators, config));
      if (!req.capabilities.writeOnlyAttributesAllowed) rejectWriteOnlyWithoutSupport(resource.schema, config, diagnostics);
      return {};
    });
  }

  async upgradeResourceState(req: { typeName: string; version: number; rawState: TfValue }) {
    return this.with(this.resources, req.typeName, async (resource, diagnostics) => {
      if (req.version > resource.schema.version) {
        diagnostics.addError(
          'State from a newer provider',
          `The state of this ${req.typeName} was written by a newer version of the provider (schema version ${req.version}); upgrade the provider.`,
        );
        return { state: null };
      }
      return { state: withWriteOnlyNull(resource.schema, req.rawState) };
    }, { state: null });
  }

  async readResource(req: { typeName: string; state: TfValue; private: PrivateData }) {
    return this.with(this.resources, req.typeName, async (resource, diagnostics) => {
      if (req.state === null) return { state: null, private: req.private };
      const ctx = this.context(diagnostics);
      const current = await resource.read({ state: toModel(resource.schema, req.state) }, ctx);
      return { state: current === null ? null : this.completeState(resource, current, diagnostics), private: req.private };
    }, { state: req.state, private: req.private }, 'read');
  }

  async planResourceChange(req: { typeName: string; priorState: TfValue; proposedNewState: TfValue; config: TfValue; priorPrivate: PrivateData }) {
    return this.with(this.resources, req.typeName, async (resource, diagnostics) => {
      const plan = await planResourceChange(
        resource,
        { prior: asNullableObject(req.priorState), proposed: asNullableObject(req.proposedNewState), config: asNullableObject(req.config) },
        diagnostics,
        this.client,
      );
      return { plannedState: plan.planned, requiresReplace: plan.requiresReplace.map((p) => [...p.steps]), plannedPrivate: req.priorPrivate };
    }, { plannedState: null, requiresReplace: [], plannedPrivate: req.priorPrivate }, 'plan');
  }

  async applyResourceChange(req: { typeName: string; priorState: TfValue; plannedState: TfValue; config: TfValue; plannedPrivate: PrivateData }) {
    return this.with(this.resources, req.typeName, async (resource, diagnostics) => {
      const ctx = this.context(diagnostics);
      const schema = resource.schema;
      if (req.plannedState === null) {
        await resource.delete({ state: toModel(schema, req.priorState) }, ctx);
        return { state: null, private: NO_PRIVATE };
      }
      const plan = toModel(schema, req.plannedState);
      const config = toModel(schema, req.config);
      let result;
      if (req.priorState === null) {
        result = await resource.create({ plan, config }, ctx);
      } else if (resource.update) {
        result = await resource.update({ plan, state: toModel(schema, req.priorState), config }, ctx);
      } else {
        diagnostics.addError('Provider bug: update not supported', `${req.typeName} has no update; every change should have been planned as a replacement.`);
        return { state: req.priorState, private: req.plannedPrivate };
      }
      return { state: this.completeState(resource, result, diagnostics), private: req.plannedPrivate };
    }, { state: req.priorState, private: req.plannedPrivate }, req.plannedState === null ? 'delete' : req.priorState === null ? 'create' : 'update');
  }

  async importResourceState(req: { typeName: string; id: string }) {
    return this.with(this.resources, req.typeName, async (resource, diagnostics) => {
      if (!resource.importState) {
        diagnostics.addError('Import not supported', `${req.typeName} cannot be imported.`);
        return { imported: [] };
      }
      const partial = await resource.importState({ id: req.id }, this.context(diagnostics));
      return { imported: [{ typeName: req.typeName, state: fromModel(resource.schema, partial), private: NO_PRIVATE }] };
    }, { imported: [] }, 'import');
  }

  async validateDataResourceConfig(req: { typeName: string; config: TfValue }) {
    return this.with(this.dataSources, req.typeName, async (dataSource, diagnostics) => {
      diagnostics.append(validateConfig(dataSource.schema, dataSource.configValidators, asObject(req.config)));
      return {};
    });
  }

  async readDataSource(req: { typeName: string; config: TfValue }) {
    return this.with(this.dataSources, req.typeName, async (dataSource, diagnostics) => {
      const result = await dataSource.read({ config: toModel(dataSource.schema, req.config) }, this.context(diagnostics));
      return { state: fromModel(dataSource.schema, result) };
    }, { state: null }, 'read');
  }

  async validateEphemeralResourceConfig(req: { typeName: string; config: TfValue }) {
    return this.with(this.ephemeral, req.typeName, async (ephemeral, diagnostics) => {
      diagnostics.append(validateConfig(ephemeral.schema, ephemeral.configValidators, asObject(req.config)));
      return {};
    });
  }

  async openEphemeralResource(req: { typeName: string; config: TfValue }) {
    return this.with(this.ephemeral, req.typeName, async (ephemeral, diagnostics) => {
      const opened = await ephemeral.open({ config: toModel(ephemeral.schema, req.config) }, this.context(diagnostics));
      return { result: fromModel(ephemeral.schema, opened.result), private: Buffer.from(JSON.stringify(opened.private), 'utf8') as PrivateData };
    }, { result: null, private: NO_PRIVATE }, 'open');
  }

  async renewEphemeralResource(req: { typeName: string; private: PrivateData }) {
    return { diagnostics: [], private: req.private };
  }

  async closeEphemeralResource(req: { typeName: string; private: PrivateData }) {
    return this.with(this.ephemeral, req.typeName, async (ephemeral, diagnostics) => {
      if (req.private.length === 0) return {};
      await ephemeral.close({ private: JSON.parse(Buffer.from(req.private).toString('utf8')) }, this.context(diagnostics));
      return {};
    }, {}, 'close');
  }

  private context(diagnostics: Diagnostics): CallContext<C> {
    if (this.client === undefined && this.configurationUnknown) {
      throw new Error(
        'The provider block depends on values that are only known after apply, and this step needs to call the API. ' +
          'Apply the resources the provider block depends on first (for example with -target), or configure the provider from known values.',
      );
    }
    if (this.client === undefined) throw new Error('the provider is not configured; check the provider block for errors reported above');
    return { client: this.client, diagnostics, signal: this.stopController.signal };
  }

  /** A resource's result as Terraform requires it after apply or read: every attribute present, write-only null, nothing unknown. */
  private completeState(resource: AnyResource<C>, model: Record<string, unknown>, diagnostics: Diagnostics): TfValue {
    const state = withWriteOnlyNull(resource.schema, fromModel(resource.schema, model));
    if (!isWhollyKnown(state)) diagnostics.addError('Provider bug: unknown value after apply', `${resource.typeName} left a value unknown.`);
    return state;
  }

  /**
   * Finds the definition, runs the handler, and turns anything thrown into an error diagnostic naming the
   * operation, so one failing call never becomes a gRPC error.
   */
  private async with<D extends { typeName: string }, R extends object>(
    registry: Map<string, D>,
    typeName: string,
    handler: (definition: D, diagnostics: Diagnostics) => Promise<R>,
    fallback?: R,
    operation = 'validate',
  ): Promise<R & WithDiagnostics> {
    const diagnostics = new Diagnostics();
    const definition = registry.get(typeName);
    if (!definition) {
      diagnostics.addError('Unknown type', `This provider has no ${typeName}.`);
      return { ...(fallback ?? ({} as R)), diagnostics: diagnostics.items };
    }
    try {
      const result = await handler(definition, diagnostics);
      return { ...result, diagnostics: diagnostics.items };
    } catch (error) {
      const { summary, detail } = describeError(error, operation, typeName);
      diagnostics.addError(summary, detail);
      return { ...(fallback ?? ({} as R)), diagnostics: diagnostics.items };
    }
  }
}

function asObject(value: TfValue): TfObject {
  return isPlainObject(value) ? value : {};
}

function asNullableObject(value: TfValue): TfObject | null {
  return isPlainObject(value) ? value : null;
}

function withWriteOnlyNull(schema: Schema, value: TfValue): TfValue {
  if (!isPlainObject(value)) return value;
  const result: Record<string, TfValue> = { ...value };
  for (const [name, attr] of Object.entries(schema.attributes)) if (attr.writeOnly) result[name] = null;
  return result;
}
