import type { TfType } from '../bridge/tftypes/type.js';
import type { DynamicValue } from '../bridge/tftypes/value.js';
import type { Attribute, ModelOfAttributes } from './schema.js';

/** A Terraform type paired with the JS type resources see for it (a phantom parameter, never a runtime value). */
export interface ValueType<T> {
  readonly tfType: TfType;
  readonly __model?: T;
}

export type ModelValueOf<V> = V extends ValueType<infer T> ? T : never;

export const stringType: ValueType<string> = { tfType: 'string' };
export const boolType: ValueType<boolean> = { tfType: 'bool' };
export const numberType: ValueType<number> = { tfType: 'number' };

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

export type NestingMode = 'single' | 'list' | 'set' | 'map';

/**
 * Nested attributes (protocol 6): an object, or a list, set or map of objects, whose attributes each have
 * their own mode and description, which Terraform checks and shows like top-level attributes.
 */
export interface NestedValueType<T> extends ValueType<T> {
  readonly nesting: NestingMode;
  readonly attributes: Readonly<Record<string, Attribute>>;
}

export const isNested = (type: ValueType<unknown>): type is NestedValueType<unknown> => 'nesting' in type;

function nested<A extends Record<string, Attribute>, T>(nesting: NestingMode, attributes: A): NestedValueType<T> {
  const object: TfType = { object: Object.fromEntries(Object.entries(attributes).map(([k, a]) => [k, a.valueType.tfType])) };
  const tfType: TfType = nesting === 'single' ? object : nesting === 'list' ? { list: object } : nesting === 'set' ? { set: object } : { map: object };
  return { tfType, nesting, attributes };
}

export const nestedSingle = <A extends Record<string, Attribute>>(attributes: A) => nested<A, ModelOfAttributes<A>>('single', attributes);
export const nestedList = <A extends Record<string, Attribute>>(attributes: A) => nested<A, ModelOfAttributes<A>[]>('list', attributes);
export const nestedSet = <A extends Record<string, Attribute>>(attributes: A) => nested<A, ModelOfAttributes<A>[]>('set', attributes);
export const nestedMap = <A extends Record<string, Attribute>>(attributes: A) => nested<A, Record<string, ModelOfAttributes<A>>>('map', attributes);
