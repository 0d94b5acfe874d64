import type { Logger } from '../bridge/logging.js';
import type { Diagnostics } from './diagnostics.js';
import type { ConfigOf, NameOf, PartialStateOf, PlanningConfigOf, PlanningPlanOf, PlanOf, StateOf } from './model.js';
import type { AttributePath } from './path.js';
import type { JsonObject, PrivateOf } from './private-state.js';
import type { Schema } from './schema.js';
import type { RawState } from './raw-state.js';
import type { ConfigValidator } from './validator.js';

/** What every call receives besides its values: the configured client, a place for warnings, cancellation, a logger. */
export interface CallContext<C> {
  readonly client: C;
  readonly diagnostics: Diagnostics;
  /** Aborted when Terraform asks the provider to stop (Ctrl-C). */
  readonly signal: AbortSignal;
  /** Writes hclog lines tagged with the call; values of sensitive and write-only attributes are masked. */
  readonly logger: Logger;
}

export interface ResourceContext<C, P extends JsonObject> extends CallContext<C> {
  /** This instance's private state; assign to its keys to change what Terraform keeps. */
  readonly private: PrivateOf<P>;
}

export interface ApplyContext<C, S extends Schema, P extends JsonObject> extends ResourceContext<C, P> {
  /**
   * Records what exists so far, for when the call then fails: Terraform keeps this state with the error (after a
   * failed create it is tainted, so the next apply replaces it) instead of losing track of the object. A state
   * that lacks a value its type says is never null is a placeholder: the next refresh hands it to
   * `resolvePlaceholder`. Ignored when the call succeeds.
   */
  recordPartialState(state: PartialStateOf<S>): void;
}

export interface ModifyPlanRequest<S extends Schema, C, P extends JsonObject> {
  /** The prior state; null on create. */
  readonly state: StateOf<S> | null;
  readonly config: PlanningConfigOf<S>;
  /** The plan so far (after defaults and plan modifiers); assign to its properties to change it. */
  readonly plan: PlanningPlanOf<S>;
  /** Marks an attribute whose planned change forces replacement. */
  requiresReplace(attribute: NameOf<S> | AttributePath): void;
  readonly diagnostics: Diagnostics;
  /** Present once the provider is configured: not during `validate`, nor while the provider block is unknown. */
  readonly client: C | undefined;
  readonly logger: Logger;
  readonly private: PrivateOf<P>;
}

/** What a state move receives besides the stored state. It has no client: Terraform moves states before it configures the provider. */
export interface MoveContext {
  readonly diagnostics: Diagnostics;
  readonly logger: Logger;
}

/**
 * What a state upgrade receives besides the stored state: Terraform configures the provider first, so the client
 * is there, unless the provider block has values known only after apply.
 */
export interface UpgradeContext<C> extends MoveContext {
  readonly client: C | undefined;
}

/**
 * How a transform reads a stored state. Nothing is lost silently: every stored attribute the current schema lacks
 * that holds a value is reported by name as dropped, with its reason from `dropped`, unless `reads` lists it as
 * carried over under another name.
 */
export interface StoredStateReading {
  readonly reads?: readonly string[];
  /** Why a stored attribute without a counterpart here is dropped, for the warning that names it. */
  readonly dropped?: Readonly<Record<string, string>>;
}

/**
 * Upgrades a state stored under an older schema version (raw JSON, numbers exact) to the current state: a state
 * of this provider, or of another provider whose type had this name (after `terraform state replace-provider`).
 */
export interface StateUpgrader<S extends Schema, C> extends StoredStateReading {
  upgrade(raw: RawState, ctx: UpgradeContext<C>): StateOf<S>;
}

/** Takes the state of another resource type, of this or another provider, for a cross-type `moved {}` block. */
export interface StateMover<S extends Schema> extends StoredStateReading {
  readonly sourceTypeName: string;
  /**
   * `namespace/type` of the providers whose states of that type this reads, on any registry host. After
   * `terraform state replace-provider`, Terraform names this provider as the source.
   */
  readonly sourceProviders: readonly string[];
  readonly sourceVersions: readonly number[];
  /**
   * Values only the API knows are left for the first refresh. Terraform plans a moved state as this returns it,
   * without refresh too: it ignores what UpgradeResourceState changes in a moved state.
   */
  move(raw: RawState, ctx: MoveContext): StateOf<S>;
}

/**
 * A managed resource: a declarative schema plus create/read/update/delete. Thrown errors become error
 * diagnostics at the framework boundary (a ResourceError chooses its summary and attribute); a resource never
 * deals with the wire protocol.
 */
export interface ResourceDefinition<S extends Schema, C, P extends JsonObject = Record<never, never>> {
  readonly typeName: string;
  /** How messages name one object of this type ("API token"); the type name when unset. */
  readonly displayName?: string;
  readonly schema: S;
  readonly configValidators?: readonly ConfigValidator<PlanningConfigOf<S>>[];
  /** Returns the new state; every value the state type says is non-null must be set. */
  create(req: { plan: PlanOf<S>; config: ConfigOf<S> }, ctx: ApplyContext<C, S, P>): Promise<StateOf<S>>;
  /**
   * Returns the current state, or null when the object no longer exists: the framework then warns that it was
   * removed outside Terraform, and Terraform plans to create it again.
   */
  read(req: { state: StateOf<S> }, ctx: ResourceContext<C, P>): Promise<StateOf<S> | null>;
  /** Omitted when every argument requires replacement. */
  update?(req: { plan: PlanOf<S>; state: StateOf<S>; config: ConfigOf<S> }, ctx: ApplyContext<C, S, P>): Promise<StateOf<S>>;
  /** Deleting an object that is already gone is success. */
  delete(req: { state: StateOf<S> }, ctx: ResourceContext<C, P>): Promise<void>;
  /** Returns the state of the object an import id names, or null when there is none; omitted when import is not possible. */
  importState?(req: { id: string }, ctx: ResourceContext<C, P>): Promise<StateOf<S> | null>;
  /**
   * Settles a placeholder a failed apply recorded (see `recordPartialState`): the object's state when it exists
   * after all, or null when it was never made. Runs on the next refresh, and before a delete of a placeholder.
   */
  resolvePlaceholder?(req: { state: PartialStateOf<S> }, ctx: ResourceContext<C, P>): Promise<StateOf<S> | null>;
  modifyPlan?(req: ModifyPlanRequest<S, C, P>): void | Promise<void>;
  /** One upgrader per older schema version, each straight to the current version. */
  readonly stateUpgraders?: Readonly<Record<number, StateUpgrader<S, C>>>;
  /** The other resource types whose states `moved {}` blocks may turn into this one. */
  readonly movedFrom?: readonly StateMover<S>[];
}

export interface DataSourceDefinition<S extends Schema, C> {
  readonly typeName: string;
  readonly schema: S;
  readonly configValidators?: readonly ConfigValidator<PlanningConfigOf<S>>[];
  read(req: { config: ConfigOf<S> }, ctx: CallContext<C>): Promise<StateOf<S>>;
}

export interface EphemeralResourceDefinition<S extends Schema, C, P extends JsonObject> {
  readonly typeName: string;
  readonly schema: S;
  readonly configValidators?: readonly ConfigValidator<PlanningConfigOf<S>>[];
  /** Returns the result (never stored by Terraform) and what close needs, kept as provider-private data. */
  open(req: { config: ConfigOf<S> }, ctx: CallContext<C>): Promise<{ result: StateOf<S>; private: P }>;
  close(req: { private: P }, ctx: CallContext<C>): Promise<void>;
}

/** Type-erased forms, so definitions of different schemas sit in one list. */
export type AnyResource<C> = ResourceDefinition<Schema, C, JsonObject>;
export type AnyDataSource<C> = DataSourceDefinition<Schema, C>;
export type AnyEphemeralResource<C> = EphemeralResourceDefinition<Schema, C, JsonObject>;

// The erasure is sound: the framework hands each definition only values decoded with its own schema.
export const defineResource = <S extends Schema, C, P extends JsonObject = Record<never, never>>(definition: ResourceDefinition<S, C, P>): AnyResource<C> =>
  definition as unknown as AnyResource<C>;
export const defineDataSource = <S extends Schema, C>(definition: DataSourceDefinition<S, C>): AnyDataSource<C> => definition as unknown as AnyDataSource<C>;
export const defineEphemeralResource = <S extends Schema, C, P extends JsonObject>(definition: EphemeralResourceDefinition<S, C, P>): AnyEphemeralResource<C> =>
  definition as unknown as AnyEphemeralResource<C>;
