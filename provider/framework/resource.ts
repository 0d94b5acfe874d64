import type { TfObject, TfValue } from '../bridge/tftypes/value.js';
import type { Diagnostics } from './diagnostics.js';
import type { AttributePath } from './path.js';
import type { ModelOf, Schema } from './schema.js';
import type { ConfigValidator } from './validator.js';

/** What every resource call receives besides its values: the configured client, a place for warnings, cancellation. */
export interface CallContext<C> {
  client: C;
  diagnostics: Diagnostics;
  /** Aborted when Terraform asks the provider to stop (Ctrl-C). */
  signal: AbortSignal;
}

export interface ModifyPlanRequest<C> {
  /** The planned object; assign to its properties to change the plan. */
  plan: Record<string, TfValue>;
  state: TfObject | null;
  config: TfObject;
  /** Mark attributes whose planned change forces replacement. */
  requiresReplace(path: AttributePath): void;
  diagnostics: Diagnostics;
  /** Present once the provider is configured (it is not during `validate`). */
  client: C | undefined;
}

/**
 * A managed resource: a declarative schema plus create/read/update/delete. Thrown errors become error
 * diagnostics at the framework boundary; a resource never deals with the wire protocol.
 */
export interface ResourceDefinition<S extends Schema, C> {
  readonly typeName: string;
  readonly schema: S;
  readonly configValidators?: readonly ConfigValidator[];
  /** Returns the new state; every computed attribute must be set. */
  create(req: { plan: ModelOf<S>; config: ModelOf<S> }, ctx: CallContext<C>): Promise<ModelOf<S>>;
  /** Returns the current state, or null when the object no longer exists (Terraform then plans to create it again). */
  read(req: { state: ModelOf<S> }, ctx: CallContext<C>): Promise<ModelOf<S> | null>;
  /** Omitted when every argument requires replacement. */
  update?(req: { plan: ModelOf<S>; state: ModelOf<S>; config: ModelOf<S> }, ctx: CallContext<C>): Promise<ModelOf<S>>;
  delete(req: { state: ModelOf<S> }, ctx: CallContext<C>): Promise<void>;
  /** Returns enough of the state for read to find the object; omitted when import is not possible. */
  importState?(req: { id: string }, ctx: CallContext<C>): Promise<Partial<ModelOf<S>>>;
  modifyPlan?(req: ModifyPlanRequest<C>): void | Promise<void>;
}

export interface DataSourceDefinition<S extends Schema, C> {
  readonly typeName: string;
  readonly schema: S;
  readonly configValidators?: readonly ConfigValidator[];
  read(req: { config: ModelOf<S> }, ctx: CallContext<C>): Promise<ModelOf<S>>;
}

export interface EphemeralResourceDefinition<S extends Schema, C, P> {
  readonly typeName: string;
  readonly schema: S;
  readonly configValidators?: readonly ConfigValidator[];
  /** Returns the result (never stored by Terraform) and what close needs, kept as provider-private data. */
  open(req: { config: ModelOf<S> }, ctx: CallContext<C>): Promise<{ result: ModelOf<S>; private: P }>;
  close(req: { private: P }, ctx: CallContext<C>): Promise<void>;
}

/** Type-erased forms, so definitions of different schemas sit in one list. */
export type AnyResource<C> = ResourceDefinition<Schema, C>;
export type AnyDataSource<C> = DataSourceDefinition<Schema, C>;
export type AnyEphemeralResource<C> = EphemeralResourceDefinition<Schema, C, unknown>;

export const defineResource = <S extends Schema, C>(definition: ResourceDefinition<S, C>): AnyResource<C> =>
  definition as unknown as AnyResource<C>;
export const defineDataSource = <S extends Schema, C>(definition: DataSourceDefinition<S, C>): AnyDataSource<C> =>
  definition as unknown as AnyDataSource<C>;
export const defineEphemeralResource = <S extends Schema, C, P>(definition: EphemeralResourceDefinition<S, C, P>): AnyEphemeralResource<C> =>
  definition as unknown as AnyEphemeralResource<C>;
