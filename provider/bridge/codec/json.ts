import { isLosslessNumber, parse } from 'lossless-json';
import { isList, isMap, isSet, isTuple, type TfType } from '../tftypes/type.js';
import { DynamicValue, ExactNumber, UNKNOWN, type TfValue } from '../tftypes/value.js';
import { describeType, describeValue, fail, type PathStep } from './errors.js';
import { jsonNumberText, MAX_PLAIN_LENGTH, numberFromText } from './number.js';
import { dynamicType, expectArray, expectObject, fromEntries, objectAttributes, sortedKeys, typeJSONText } from './structure.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes cty JSON (RawState.json: the `attributes` object of a state file) with the given type. Numbers are
 * parsed losslessly; like go-cty, a missing object attribute is null and an unknown one is an error.
 */
export function decodeJsonState(bytes: Uint8Array, type: TfType): TfValue {
  let json: unknown;
  try {
    json = parse(utf8.decode(bytes));
  } catch (error) {
    return fail('TF_CODEC_MALFORMED', [], `not valid JSON: ${(error as Error).message}`);
  }
  return fromJson(json, type, []);
}

/** Encodes a wholly known value as cty JSON: keys sorted, numbers as plain decimals, dynamic as {value, type}. */
export function encodeJson(value: TfValue, type: TfType): Uint8Array {
  return new TextEncoder().encode(toJson(value, type, []));
}

type JsonObject = Record<string, unknown>;
const isJsonObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v) && !isLosslessNumber(v);

function fromJson(json: unknown, type: TfType, path: PathStep[]): TfValue {
  if (json === null) return null;
  const got = Array.isArray(json) ? 'array' : isLosslessNumber(json) ? 'number' : typeof json;
  const mismatch = (): never => fail('TF_CODEC_TYPE_MISMATCH', path, `expected ${describeType(type)}, got JSON ${got}`);
  // go-cty converts between primitives here: "5" is a number, 5 and true are strings, "true" is a bool.
  switch (type) {
    case 'string':
      if (typeof json === 'string') return json.normalize('NFC');
      if (isLosslessNumber(json)) return json.value;
      return typeof json === 'boolean' ? String(json) : mismatch();
    case 'bool':
      if (typeof json === 'boolean') return json;
      return json === 'true' || json === 'false' ? json === 'true' : mismatch();
    case 'number': {
      const source = isLosslessNumber(json) ? json.value : typeof json === 'string' ? json : mismatch();
      return numberFromText(source) ?? fail('TF_CODEC_INVALID_NUMBER', path, `${JSON.stringify(source)} is not a decimal number of at most ${MAX_PLAIN_LENGTH} digits`);
    }
    case 'dynamic':
      return isJsonObject(json) ? fromDynamicJson(json, path) : mismatch();
  }
  if (isList(type) || isSet(type) || isTuple(type)) {
    if (!Array.isArray(json)) return mismatch();
    if (isTuple(type) && json.length !== type.tuple.length) {
      fail('TF_CODEC_TYPE_MISMATCH', path, `expected ${type.tuple.length} tuple elements, got ${json.length}`);
    }
    return json.map((element: unknown, index) => {
      path.push({ index });
      const decoded = fromJson(element, isList(type) ? type.list : isSet(type) ? type.set : (type.tuple[index] as TfType), path);
      path.pop();
      return decoded;
    });
  }
  if (!isJsonObject(json)) return mismatch();
  if (isMap(type)) {
    return fromEntries(Object.entries(json).map(([key, element]) => {
      path.push({ key });
      const decoded = fromJson(element, type.map, path);
      path.pop();
      return [key, decoded];
    }));
  }
  for (const key of Object.keys(json)) {
    if (!Object.hasOwn(type.object, key)) fail('TF_CODEC_UNSUPPORTED_ATTRIBUTE', [...path, { attribute: key }], 'unsupported attribute');
  }
  return fromEntries(Object.entries(type.object).map(([name, attributeType]) => {
    path.push({ attribute: name });
    const decoded = Object.hasOwn(json, name) ? fromJson(json[name], attributeType, path) : null;
    path.pop();
    return [name, decoded];
  }));
}

/** `{"value": …, "type": …}`, keys in either order and nothing else, as go-cty requires. */
function fromDynamicJson(json: JsonObject, path: PathStep[]): DynamicValue {
  const extra = Object.keys(json).find((key) => key !== 'value' && key !== 'type');
  if (extra !== undefined) fail('TF_CODEC_TYPE_MISMATCH', path, `invalid key ${JSON.stringify(extra)} in dynamically-typed value`);
  if (!Object.hasOwn(json, 'type')) fail('TF_CODEC_INVALID_TYPE_JSON', path, 'missing type in dynamically-typed value');
  if (!Object.hasOwn(json, 'value')) fail('TF_CODEC_TYPE_MISMATCH', path, 'missing value in dynamically-typed value');
  const type = dynamicType(json['type'], path);
  return new DynamicValue(type, fromJson(json['value'], type, path));
}

function toJson(value: TfValue, type: TfType, path: PathStep[]): string {
  if (value === null) return 'null';
  if (value === UNKNOWN) return fail('TF_CODEC_UNKNOWN_IN_JSON', path, 'JSON cannot carry an unknown value');
  const mismatch = (): never => fail('TF_CODEC_TYPE_MISMATCH', path, `expected ${describeType(type)}, got ${describeValue(value)}`);
  switch (type) {
    case 'string':
      return typeof value === 'string' ? JSON.stringify(value.normalize('NFC')) : mismatch();
    case 'bool':
      return typeof value === 'boolean' ? String(value) : mismatch();
    case 'number':
      if (typeof value !== 'number' && !(value instanceof ExactNumber)) return mismatch();
      return jsonNumberText(value) ?? fail('TF_CODEC_INVALID_NUMBER', path, `${String(value)} cannot be written as a JSON number`);
    case 'dynamic':
      if (!(value instanceof DynamicValue)) return mismatch();
      return `{"value":${toJson(value.value, value.type, path)},"type":${typeJSONText(value.type)}}`;
  }
  if (isList(type) || isSet(type) || isTuple(type)) {
    const elements = expectArray(value, type, path);
    if (isTuple(type) && elements.length !== type.tuple.length) {
      fail('TF_CODEC_TYPE_MISMATCH', path, `expected ${type.tuple.length} tuple elements, got ${elements.length}`);
    }
    const parts = elements.map((element, index) => {
      path.push({ index });
      const text = toJson(element, isList(type) ? type.list : isSet(type) ? type.set : (type.tuple[index] as TfType), path);
      path.pop();
      return text;
    });
    return `[${parts.join(',')}]`;
  }
  const object = expectObject(value, type, path);
  const members = isMap(type)
    ? sortedKeys(object).map((key): [string, TfType, TfValue, PathStep] => [key, type.map, object[key] ?? null, { key }])
    : objectAttributes(object, type, path).map(([name, t, v]): [string, TfType, TfValue, PathStep] => [name, t, v, { attribute: name }]);
  const parts = members.map(([name, memberType, memberValue, step]) => {
    path.push(step);
    const text = toJson(memberValue, memberType, path);
    path.pop();
    return `${JSON.stringify(name)}:${text}`;
  });
  return `{${parts.join(',')}}`;
}
