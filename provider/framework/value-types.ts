import type { TfType } from '../bridge/tftypes/type.js';
import type { DynamicValue } from '../bridge/tftypes/value.js';

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
