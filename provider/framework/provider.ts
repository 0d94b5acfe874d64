import type { Logger } from '../bridge/logging.js';
import type { TfObject } from '../bridge/tftypes/value.js';
import type { Diagnostics } from './diagnostics.js';
import type { ConfigOf, PlanningConfigOf } from './model.js';
import type { JsonValue } from './private-state.js';
import type { AnyDataSource, AnyEphemeralResource, AnyResource } from './resource.js';
import type { Schema } from './schema.js';
import type { ConfigValidator } from './validator.js';

export interface ConfigureRequest<S extends Schema> {
  readonly config: ConfigOf<S>;
  readonly terraformVersion: string;
  readonly diagnostics: Diagnostics;
  readonly signal: AbortSignal;
  readonly logger: Logger;
}

export interface ProviderDefinition<S extends Schema, C> {
  readonly schema: S;
  /** Checks of the provider block as a whole, at validate (values may be unknown). */
  readonly configValidators?: readonly ConfigValidator<PlanningConfigOf<S>>[];
  /** Where the framework and every call context write; nothing is logged when unset. */
  readonly logger?: Logger;
  /** Builds the client every resource call receives; returns undefined after adding an error diagnostic. */
  configure(req: ConfigureRequest<S>): Promise<C | undefined>;
  /**
   * Frees what a client holds (its connection pool) once the framework is done with it: when a new configuration
   * replaces it (a provider that serves several Terraform commands is configured again for each walk) and at
   * `FrameworkServer.close()`. Without it, every configuration a long-lived provider sees stays allocated.
   */
  readonly release?: (client: C) => Promise<void>;
  /**
   * The client one call into a resource, data source or ephemeral resource receives, made from the configured
   * one for that call alone: for what must span one whole operation and no other (one timeout shared by all the
   * API calls of a create, for example). Every call receives the configured client when unset.
   */
  readonly forCall?: (client: C) => C;
  /**
   * Sees every stored state Terraform hands the provider (read, plan, update, delete) with its private data once
   * it is configured, before the resource does: for provider-wide bookkeeping of what Terraform has stored. What
   * it deletes from `data` leaves the state with the next refresh or apply.
   */
  readonly onStoredState?: (client: C, typeName: string, state: Readonly<TfObject>, data: Record<string, JsonValue>) => void;
  /** Sees the state of every create that succeeded, with its private data, before Terraform does: what it deletes from `data` is not stored. */
  readonly onCreated?: (client: C, typeName: string, state: Readonly<TfObject>, data: Record<string, JsonValue>) => void;
  readonly resources: readonly AnyResource<C>[];
  readonly dataSources: readonly AnyDataSource<C>[];
  readonly ephemeralResources: readonly AnyEphemeralResource<C>[];
}
