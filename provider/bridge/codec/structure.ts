import { typeFromJSON, TypeJSONError, typeToJSON, type ObjectType, type TfType } from '../tftypes/type.js';
import { isPlainObject, type TfObject, type TfValue } from '../tftypes/value.js';
import { describeType, describeValue, fail, type PathStep } from './errors.js';

/** Go sorts strings by UTF-8 bytes (= code points); JS `<` compares UTF-16 units, which differs past U+FFFF. */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export const sortedKeys = (object: object): string[] => Object.keys(object).sort(compareUtf8);

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
  return sortedKeys(type.object).map((name) => [name, type.object[name] as TfType, Object.hasOwn(value, name) ? (value[name] ?? null) : null]);
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
