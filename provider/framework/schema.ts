import type { WireAttribute, WireSchema } from '../bridge/protocol/provider-server.js';
import type { ObjectType } from '../bridge/tftypes/type.js';
import { isPlainObject, isUnknown, type TfValue } from '../bridge/tftypes/value.js';
import type { PlanModifier } from './plan-modifier.js';
import type { Validator } from './validator.js';
import { isNested, type ValueType } from './value-types.js';

/** How an attribute gets its value: from the configuration, from the provider, or either. One union, not three flags. */
export type AttributeMode = 'required' | 'optional' | 'computed' | 'optional_computed';

export interface AttributeOptions<T> {
  description: string;
  sensitive?: boolean;
  /** Accepted in configuration, never stored in plan or state (Terraform 1.11+). */
  writeOnly?: boolean;
  deprecated?: boolean;
  validators?: readonly Validator[];
  planModifiers?: readonly PlanModifier[];
  /** Planned when the configuration leaves the attribute null; only for optional_computed attributes. */
  default?: T;
}

export interface Attribute<T = unknown, M extends AttributeMode = AttributeMode> extends AttributeOptions<T> {
  readonly mode: M;
  readonly valueType: ValueType<T>;
}

const attribute =
  <M extends AttributeMode>(mode: M) =>
  <T>(valueType: ValueType<T>, options: AttributeOptions<T>): Attribute<T, M> => ({ ...options, mode, valueType });

export const required = attribute('required');
export const optional = attribute('optional');
export const computed = attribute('computed');
export const optionalComputed = attribute('optional_computed');

export interface Schema<A extends Record<string, Attribute> = Record<string, Attribute>> {
  readonly description: string;
  readonly version: number;
  readonly attributes: A;
}

export function defineSchema<A extends Record<string, Attribute>>(schema: { description: string; version?: number; attributes: A }): Schema<A> {
  for (const [name, attr] of Object.entries(schema.attributes)) {
    if (attr.default !== undefined && attr.mode !== 'optional_computed') {
      throw new Error(`schema bug: attribute "${name}" has a default but is ${attr.mode}; defaults need optional_computed`);
    }
    if (attr.writeOnly && attr.mode !== 'optional' && attr.mode !== 'required') {
      throw new Error(`schema bug: write-only attribute "${name}" must be required or optional`);
    }
  }
  return { version: 0, ...schema };
}

/**
 * The JS shape resources read and write for a schema. Required attributes are always present; all others
 * may be null. During planning, values Terraform does not know yet reach resources as null.
 */
export type ModelOf<S extends Schema> = ModelOfAttributes<S['attributes']>;

export type ModelOfAttributes<A extends Record<string, Attribute>> = {
  -readonly [K in keyof A]: A[K] extends Attribute<infer T, infer M> ? (M extends 'required' ? T : T | null) : never;
};

export function objectTypeOf(schema: Schema): ObjectType {
  return { object: Object.fromEntries(Object.entries(schema.attributes).map(([name, attr]) => [name, attr.valueType.tfType])) };
}

export function toWireSchema(schema: Schema): WireSchema {
  return { version: schema.version, block: { attributes: wireAttributes(schema.attributes), blockTypes: [], description: schema.description, deprecated: false } };
}

function wireAttributes(attributes: Record<string, Attribute>): WireAttribute[] {
  return Object.entries(attributes)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, attr]) => ({
      name,
      ...(isNested(attr.valueType)
        ? { nestedType: { attributes: wireAttributes(attr.valueType.attributes), nesting: attr.valueType.nesting } }
        : { type: attr.valueType.tfType }),
      description: attr.description,
      required: attr.mode === 'required',
      optional: attr.mode === 'optional' || attr.mode === 'optional_computed',
      computed: attr.mode === 'computed' || attr.mode === 'optional_computed',
      sensitive: attr.sensitive ?? false,
      writeOnly: attr.writeOnly ?? false,
      deprecated: attr.deprecated ?? false,
    }));
}

/** Turns a decoded object value into the model resources see (unknowns become null). */
export function toModel<S extends Schema>(schema: Schema, value: TfValue): ModelOf<S> {
  const source = (value ?? {}) as Record<string, TfValue>;
  return Object.fromEntries(Object.keys(schema.attributes).map((name) => [name, stripUnknown(source[name] ?? null)])) as ModelOf<S>;
}

function stripUnknown(value: TfValue): unknown {
  if (isUnknown(value)) return null;
  if (Array.isArray(value)) return value.map(stripUnknown);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stripUnknown(v)]));
  return value;
}

/** Turns a model back into an object value carrying every attribute of the schema (absent ones as null). */
export function fromModel(schema: Schema, model: Record<string, unknown>): TfValue {
  return Object.fromEntries(Object.keys(schema.attributes).map((name) => [name, (model[name] ?? null) as TfValue]));
}
