import { typeFromJSON, TypeJSONError, typeToJSON, type ObjectType, type TfType } from '../tftypes/type.js';
import { isPlainObject, type TfObject, type TfValue } from '../tftypes/value.js';
import { compareUtf8 } from '../../../common/compare-text.js';
import { describeType, describeValue, fail, type PathStep } from './errors.js';

export const sortedKeys = (object: object): string[] => Object.keys(object).sort(compareUtf8);

// An object type's attributes never change: every value of the type is written in the same order.
const attributeOrder = new WeakMap<ObjectType['object'], string[]>();

/** The attribute names of an object type in wire order. */
export function sortedAttributes(type: ObjectType): readonly string[] {
  let names = attributeOrder.get(type.object);
  if (names === undefined) attributeOrder.set(type.object, (names = sortedKeys(type.object)));
  return names;
}

/** cty type JSON with object attributes in sorted order, as Go's encoding/json writes it. */
export function typeJSONText(type: TfType): string {
  return JSON.stringify(typeToJSON(type), (_key, value: unknown) =>
    isPlainObject(value) ? Object.fromEntries(sortedKeys(value).map((k) => [k, value[k]])) : value,
  );
}

export function expectArray(value: TfValue, type: TfType, path: PathStep[]): readonly TfValue[] {
  if (Array.isArray(value)) return value;
  return fail('TF_CODEC_TYPE_MISMATCH', path, `expected ${describeType(type)}, got ${describeValue(value)}`);
}

export function expectObject(value: TfValue, type: TfType, path: PathStep[]): TfObject {
  if (isPlainObject(value)) return value;
  return fail('TF_CODEC_TYPE_MISMATCH', path, `expected ${describeType(type)}, got ${describeValue(value)}`);
}

/**
 * The attributes of an object value in wire order (sorted), every attribute of the type present: one the JS
 * object lacks is null. A key the type does not have is an error rather than silently dropped.
 */
export function objectAttributes(value: TfObject, type: ObjectType, path: PathStep[]): [string, TfType, TfValue][] {
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(type.object, key)) fail('TF_CODEC_UNSUPPORTED_ATTRIBUTE', [...path, { attribute: key }], 'unsupported attribute');
  }
  return sortedAttributes(type).map((name) => [name, type.object[name] as TfType, Object.hasOwn(value, name) ? (value[name] ?? null) : null]);
}

/** Builds an object/map from decoded entries; fromEntries defines own properties, so `__proto__` is safe. */
export const fromEntries = (entries: [string, TfValue][]): TfObject => Object.fromEntries(entries) as TfObject;

/** The concrete type of a dynamic value, from its parsed type JSON, or a CodecError at the path. */
export function dynamicType(json: unknown, path: PathStep[]): TfType {
  try {
    return typeFromJSON(json);
  } catch (error) {
    if (error instanceof TypeJSONError) return fail('TF_CODEC_INVALID_TYPE_JSON', path, error.message);
    throw error;
  }
}
