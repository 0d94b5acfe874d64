import type { Diagnostics } from './diagnostics.js';
import type { AnyDataSource, AnyEphemeralResource, AnyResource } from './resource.js';
import type { ModelOf, Schema } from './schema.js';

export interface ProviderDefinition<S extends Schema, C> {
  readonly schema: S;
  /** Builds the client every resource call receives; returns undefined after adding an error diagnostic. */
  configure(req: { config: ModelOf<S>; terraformVersion: string; diagnostics: Diagnostics; signal: AbortSignal }): Promise<C | undefined>;
  readonly resources: readonly AnyResource<C>[];
  readonly dataSources: readonly AnyDataSource<C>[];
  readonly ephemeralResources: readonly AnyEphemeralResource<C>[];
}
