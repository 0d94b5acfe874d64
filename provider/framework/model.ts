/**
 * The JS shapes a resource sees, all inferred from its schema, never written twice:
 * - `StateOf`: what read returns and update/delete receive. Required, defaulted and `nullable: false` values are
 *   non-null; write-only values are always null.
 * - `PlanOf` / `ConfigOf`: the plan and configuration at apply, where every value is known; a computed value not
 *   yet known is null.
 * - `PlanningPlanOf` / `PlanningConfigOf`: the same during planning, where values may also be unknown.
 * - `ModelOf`: the loose shape (required values non-null, all others nullable), that of nested objects.
 */
import type { Attribute, AttributeMode, Attributes, Block, Blocks, Schema } from './schema.js';
import type { Planned, Unknown } from './values.js';

type Flatten<T> = { -readonly [K in keyof T]: T[K] };

type ValueOf<X> = X extends Attribute<infer T> ? T : never;

export type ModelOfAttributes<A extends Attributes> = {
  -readonly [K in keyof A]: A[K] extends Attribute<infer T, infer M> ? (M extends 'required' ? T : T | null) : never;
};

/** A list or set block is a list of its elements (empty when absent); a single block is its element or null. */
export type BlockModel<X> =
  X extends Block<infer A, infer B, infer N> ? (N extends 'single' ? ModelOfBody<A, B> | null : ModelOfBody<A, B>[]) : never;

// For a type-erased schema (blocks of any name) the attributes' index signature already covers blocks.
type BlockModels<B extends Blocks> = string extends keyof B ? unknown : { -readonly [K in keyof B]: BlockModel<B[K]> };

export type ModelOfBody<A extends Attributes, B extends Blocks> = Flatten<ModelOfAttributes<A> & BlockModels<B>>;

export type ModelOf<S extends Schema> = ModelOfBody<S['attributes'], S['blocks']>;

type StateValue<X> = X extends Attribute<infer T, AttributeMode, infer P> ? (P extends 'always' ? T : P extends 'never' ? null : T | null) : never;

type PlanValue<X> =
  X extends Attribute<infer T, infer M, infer P>
    ? P extends 'never'
      ? null
      : M extends 'required'
        ? T
        : M extends 'optional_computed'
          ? P extends 'always'
            ? T
            : T | null
          : T | null
    : never;

type ConfigValue<X> = X extends Attribute<infer T, infer M> ? (M extends 'computed' ? null : M extends 'required' ? T : T | null) : never;

type View<S extends Schema, F extends 'state' | 'plan' | 'config'> = Flatten<
  {
    [K in keyof S['attributes']]: F extends 'state'
      ? StateValue<S['attributes'][K]>
      : F extends 'plan'
        ? PlanValue<S['attributes'][K]>
        : ConfigValue<S['attributes'][K]>;
  } & BlockModels<S['blocks']>
>;

export type StateOf<S extends Schema> = View<S, 'state'>;
export type PlanOf<S extends Schema> = View<S, 'plan'>;
export type ConfigOf<S extends Schema> = View<S, 'config'>;

/** The configuration during planning: a value that depends on another resource is unknown; computed ones are null. */
export type PlanningConfigOf<S extends Schema> = {
  readonly [K in keyof S['attributes']]: S['attributes'][K] extends Attribute<unknown, 'computed'> ? null : ConfigValue<S['attributes'][K]> | Unknown;
} & PlanningBlocks<S['blocks']>;

/** The plan during planning; assigning a property changes the plan. */
export type PlanningPlanOf<S extends Schema> = {
  -readonly [K in keyof S['attributes']]: Planned<ValueOf<S['attributes'][K]>>;
} & PlanningBlocks<S['blocks']>;

type PlanningBlocks<B extends Blocks> = string extends keyof B ? unknown : { -readonly [K in keyof B]: BlockModel<B[K]> | Unknown };

/** A state as a failed apply may leave it: any value may be missing or null. */
export type PartialStateOf<S extends Schema> = { [K in keyof StateOf<S>]?: StateOf<S>[K] | null };

/** The names of a schema's attributes and blocks. */
export type NameOf<S extends Schema> = Extract<keyof S['attributes'] | keyof S['blocks'], string>;
