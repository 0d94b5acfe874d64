import type { PlanModifier } from './plan-modifier.js';
import type { Validator } from './validator.js';
import { isNested, type ValueType } from './value-types.js';

/** How an attribute gets its value: from the configuration, from the provider, or either. One union, not three flags. */
export type AttributeMode = 'required' | 'optional' | 'computed' | 'optional_computed';

/**
 * Whether the attribute can be null in state: `always` set (required, defaulted, or computed with
 * `nullable: false`), `maybe` null, or `never` stored (write-only). The state type follows it.
 */
export type Presence = 'always' | 'maybe' | 'never';

interface CommonOptions<T> {
  readonly description: string;
  readonly sensitive?: boolean;
  /** Why and what instead: marks the attribute deprecated and warns whenever a configuration sets it. */
  readonly deprecated?: string;
  readonly validators?: readonly Validator<T>[];
  readonly planModifiers?: readonly PlanModifier<T>[];
}

export interface InputOptions<T> extends CommonOptions<T> {
  /** Accepted in configuration, never stored in plan or state (Terraform 1.11+). */
  readonly writeOnly?: boolean;
}

export interface ComputedOptions<T> extends CommonOptions<T> {
  /** `false` when the provider sets the value whenever the object exists (ids): the state type is then non-null. */
  readonly nullable?: boolean;
}

export interface DefaultOptions<T> extends CommonOptions<T> {
  /** Planned when the configuration leaves the attribute null; the state type is then non-null. */
  readonly default?: T;
}

export interface Attribute<T = unknown, M extends AttributeMode = AttributeMode, P extends Presence = Presence> {
  readonly mode: M;
  readonly presence: P;
  readonly valueType: ValueType<T>;
  readonly description: string;
  readonly sensitive: boolean;
  readonly writeOnly: boolean;
  readonly deprecated?: string;
  readonly validators: readonly Validator<T>[];
  readonly planModifiers: readonly PlanModifier<T>[];
  readonly default?: T;
}

export interface Attributes {
  readonly [name: string]: Attribute;
}

function attribute<T, M extends AttributeMode, P extends Presence>(
  mode: M,
  presence: P,
  valueType: ValueType<T>,
  options: CommonOptions<T> & { readonly writeOnly?: boolean; readonly default?: T },
): Attribute<T, M, P> {
  return {
    mode,
    presence,
    valueType,
    description: options.description,
    sensitive: options.sensitive ?? false,
    writeOnly: options.writeOnly ?? false,
    ...(options.deprecated !== undefined ? { deprecated: options.deprecated } : {}),
    validators: options.validators ?? [],
    planModifiers: options.planModifiers ?? [],
    ...(options.default !== undefined ? { default: options.default } : {}),
  };
}

export function required<T>(valueType: ValueType<T>, options: InputOptions<NoInfer<T>> & { readonly writeOnly: true }): Attribute<T, 'required', 'never'>;
export function required<T>(valueType: ValueType<T>, options: InputOptions<NoInfer<T>>): Attribute<T, 'required', 'always'>;
export function required<T>(valueType: ValueType<T>, options: InputOptions<T>): Attribute<T, 'required'> {
  return attribute('required', options.writeOnly ? 'never' : 'always', valueType, options);
}

export function optional<T>(valueType: ValueType<T>, options: InputOptions<NoInfer<T>> & { readonly writeOnly: true }): Attribute<T, 'optional', 'never'>;
export function optional<T>(valueType: ValueType<T>, options: InputOptions<NoInfer<T>>): Attribute<T, 'optional', 'maybe'>;
export function optional<T>(valueType: ValueType<T>, options: InputOptions<T>): Attribute<T, 'optional'> {
  return attribute('optional', options.writeOnly ? 'never' : 'maybe', valueType, options);
}

export function computed<T>(valueType: ValueType<T>, options: ComputedOptions<NoInfer<T>> & { readonly nullable: false }): Attribute<T, 'computed', 'always'>;
export function computed<T>(valueType: ValueType<T>, options: ComputedOptions<NoInfer<T>>): Attribute<T, 'computed', 'maybe'>;
export function computed<T>(valueType: ValueType<T>, options: ComputedOptions<T>): Attribute<T, 'computed'> {
  return attribute('computed', options.nullable === false ? 'always' : 'maybe', valueType, options);
}

export function optionalComputed<T>(valueType: ValueType<T>, options: DefaultOptions<NoInfer<T>> & { readonly default: T }): Attribute<T, 'optional_computed', 'always'>;
export function optionalComputed<T>(valueType: ValueType<T>, options: DefaultOptions<NoInfer<T>>): Attribute<T, 'optional_computed', 'maybe'>;
export function optionalComputed<T>(valueType: ValueType<T>, options: DefaultOptions<T>): Attribute<T, 'optional_computed'> {
  return attribute('optional_computed', options.default !== undefined ? 'always' : 'maybe', valueType, options);
}

/** How a block repeats in configuration: `rule { … }` once (single), or several times (list keeps order, set does not). */
export type BlockNesting = 'single' | 'list' | 'set';

export interface Blocks {
  readonly [name: string]: Block;
}

export type NoBlocks = Record<never, never>;

/** Omitted blocks are no blocks: `B` is then inferred as its default, NoBlocks, which the empty record is. */
const blocksOrNone = <B extends Blocks>(blocks: B | undefined): B => blocks ?? ({} as B);

/** A nested block (`rule { … }`): configuration structure, never computed, with attributes and blocks of its own. */
export interface Block<A extends Attributes = Attributes, B extends Blocks = Blocks, N extends BlockNesting = BlockNesting> {
  readonly nesting: N;
  readonly description: string;
  readonly attributes: A;
  readonly blocks: B;
  /** How many times the block may appear (maxItems 0: no limit); a single block with minItems 1 is required. */
  readonly minItems: number;
  readonly maxItems: number;
  readonly deprecated?: string;
}

interface BlockOptions<A extends Attributes, B extends Blocks> {
  readonly description: string;
  readonly attributes: A;
  readonly blocks?: B;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly deprecated?: string;
}

const block =
  <N extends BlockNesting>(nesting: N) =>
  <A extends Attributes, B extends Blocks = NoBlocks>(options: BlockOptions<A, B>): Block<A, B, N> => ({
    nesting,
    description: options.description,
    attributes: options.attributes,
    blocks: blocksOrNone(options.blocks),
    minItems: options.minItems ?? 0,
    // Terraform wants a single block's bounds equal: 0 and 0 when it may be left out, 1 and 1 when it is required.
    maxItems: nesting === 'single' ? (options.minItems ?? 0) : (options.maxItems ?? 0),
    ...(options.deprecated !== undefined ? { deprecated: options.deprecated } : {}),
  });

export const singleBlock = block('single');
export const listBlock = block('list');
export const setBlock = block('set');

export interface Schema<A extends Attributes = Attributes, B extends Blocks = Blocks> {
  readonly description: string;
  /** Bumped when the stored state needs upgrading; each older version then needs a state upgrader. */
  readonly version: number;
  /** Why and what instead: marks the resource (or data source) deprecated and warns in every configuration using it. */
  readonly deprecated?: string;
  readonly attributes: A;
  readonly blocks: B;
}

export function defineSchema<A extends Attributes, B extends Blocks = NoBlocks>(schema: {
  description: string;
  version?: number;
  deprecated?: string;
  attributes: A;
  blocks?: B;
}): Schema<A, B> {
  const defined: Schema<A, B> = { version: 0, ...schema, blocks: blocksOrNone(schema.blocks) };
  checkBody(defined, '', false);
  return defined;
}

/** Mistakes Terraform would reject when loading the schema, caught at definition instead. */
function checkBody(body: { attributes: Attributes; blocks: Blocks }, prefix: string, insideSet: boolean): void {
  for (const name of [...Object.keys(body.attributes), ...Object.keys(body.blocks)]) {
    if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`schema bug: "${prefix}${name}" must be lowercase letters, digits and underscores`);
    if (name in body.attributes && name in body.blocks) throw new Error(`schema bug: "${prefix}${name}" is both an attribute and a block`);
  }
  for (const [name, attr] of Object.entries(body.attributes)) {
    if (attr.writeOnly && insideSet) throw new Error(`schema bug: write-only "${prefix}${name}" cannot be inside a set`);
    const type = attr.valueType;
    if (isNested(type)) checkBody({ attributes: type.attributes, blocks: {} }, `${prefix}${name}.`, insideSet || type.nesting === 'set');
  }
  for (const [name, nested] of Object.entries(body.blocks)) checkBody(nested, `${prefix}${name}.`, insideSet || nested.nesting === 'set');
}
