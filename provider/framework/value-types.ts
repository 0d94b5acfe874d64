import type { NestingMode } from '../bridge/protocol/provider-server.js';
import type { TfType } from '../bridge/tftypes/type.js';
import type { DynamicValue, ExactNumber } from '../bridge/tftypes/value.js';
import type { ModelOfAttributes } from './model.js';
import type { Attributes } from './schema.js';

/** A Terraform type paired with the JS type resources see for it (a phantom parameter, never a runtime value). */
export interface ValueType<T> {
  readonly tfType: TfType;
  /**
   * Whether two values mean the same although written differently (`P1D` and `PT24H`). When the configuration
   * means what the prior state holds, the plan keeps the stored spelling: no diff, no replacement.
   */
  semanticEquals?(a: T, b: T): boolean;
  readonly __model?: T;
}

export type ModelValueOf<V> = V extends ValueType<infer T> ? T : never;

export const stringType: ValueType<string> = { tfType: 'string' };

/** A string whose spellings `equals` can tell apart from its meaning: every attribute of the type compares by meaning. */
export function semanticString(equals: (a: string, b: string) => boolean): ValueType<string> {
  return { tfType: 'string', semanticEquals: equals };
}
export const boolType: ValueType<boolean> = { tfType: 'bool' };
/** A JS number when it holds the value exactly; otherwise (a big integer, a long decimal) an ExactNumber. */
export const numberType: ValueType<number | ExactNumber> = { tfType: 'number' };

/** Any type, chosen by the configuration; the value carries its type with it. */
export const dynamicType: ValueType<DynamicValue> = { tfType: 'dynamic' };

export function listOf<T>(element: ValueType<T>): ValueType<T[]> {
  return { tfType: { list: element.tfType } };
}

/** Sets compare without regard to order, so reordering elements in the configuration never shows a diff. */
export function setOf<T>(element: ValueType<T>): ValueType<T[]> {
  return { tfType: { set: element.tfType } };
}

export function mapOf<T>(element: ValueType<T>): ValueType<Record<string, T>> {
  return { tfType: { map: element.tfType } };
}

export function objectOf<A extends Record<string, ValueType<unknown>>>(
  attributes: A,
): ValueType<{ [K in keyof A]: ModelValueOf<A[K]> | null }> {
  return { tfType: { object: Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, v.tfType])) } };
}

/**
 * Nested attributes (protocol 6): an object, or a list, set or map of objects, whose attributes each have
 * their own mode, description, validators and plan modifiers, at any depth. In the model every attribute of a
 * nested object is nullable except required ones.
 */
export interface NestedValueType<T> extends ValueType<T> {
  readonly nesting: NestingMode;
  readonly attributes: Attributes;
}

export const isNested = (type: ValueType<unknown>): type is NestedValueType<unknown> => 'nesting' in type;

function nested<T>(nesting: NestingMode, attributes: Attributes): NestedValueType<T> {
  const object: TfType = { object: Object.fromEntries(Object.entries(attributes).map(([k, a]) => [k, a.valueType.tfType])) };
  const tfType: TfType = nesting === 'single' ? object : nesting === 'list' ? { list: object } : nesting === 'set' ? { set: object } : { map: object };
  return { tfType, nesting, attributes };
}

export const nestedSingle = <A extends Attributes>(attributes: A) => nested<ModelOfAttributes<A>>('single', attributes);
export const nestedList = <A extends Attributes>(attributes: A) => nested<ModelOfAttributes<A>[]>('list', attributes);
export const nestedSet = <A extends Attributes>(attributes: A) => nested<ModelOfAttributes<A>[]>('set', attributes);
export const nestedMap = <A extends Attributes>(attributes: A) => nested<Record<string, ModelOfAttributes<A>>>('map', attributes);
