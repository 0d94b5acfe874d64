import { isList, isMap, isSet, isTuple, type TfType } from '../tftypes/type.js';
import { DynamicValue, ExactNumber, UNKNOWN, type TfValue } from '../tftypes/value.js';
import { describeType, describeValue, fail, type PathStep } from './errors.js';
import { isWireMap, isWireUnknown, orderedMap, readMsgpack, wireEntries, wireInt, wireKind, writeMsgpack } from './msgpack-wire.js';
import { MAX_PLAIN_LENGTH, numberEncoding, numberFromBigInt, numberFromText } from './number.js';
import { expectArray, expectObject, fromEntries, objectAttributes, dynamicType, sortedAttributes, sortedKeys, typeJSONText } from './structure.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();

/** Encodes a value as Terraform's DynamicValue.msgpack for the given (schema-implied) type. */
export function encodeMsgpack(value: TfValue, type: TfType): Uint8Array {
  return writeMsgpack(toWire(value, type, []));
}

/** Decodes DynamicValue.msgpack with the type the schema implies; the bytes alone do not say it. */
export function decodeMsgpack(bytes: Uint8Array, type: TfType): TfValue {
  return fromWire(readMsgpack(bytes), type, []);
}

/** Runs `step` with `at` pushed on the path. */
function within<T>(path: PathStep[], at: PathStep, step: () => T): T {
  path.push(at);
  const result = step();
  path.pop();
  return result;
}

/** The tree @msgpack/msgpack writes for a value; UNKNOWN is left in place for the extension codec. */
function toWire(value: TfValue, type: TfType, path: PathStep[]): unknown {
  if (value === null || value === UNKNOWN) return value;
  const mismatch = (): never => fail('TF_CODEC_TYPE_MISMATCH', path, `expected ${describeType(type)}, got ${describeValue(value)}`);
  switch (type) {
    case 'string':
      // cty strings are NFC-normalised; Terraform would normalise on decode anyway.
      return typeof value === 'string' ? value.normalize('NFC') : mismatch();
    case 'bool':
      return typeof value === 'boolean' ? value : mismatch();
    case 'number': {
      if (typeof value !== 'number' && !(value instanceof ExactNumber)) return mismatch();
      const encoding = numberEncoding(value);
      if (!encoding) return fail('TF_CODEC_INVALID_NUMBER', path, `${String(value)} is not a number Terraform can hold`);
      if ('int' in encoding) return wireInt(encoding.int);
      // Never a safe integer (those are ints above), so the library writes it as a float64.
      if ('float' in encoding) return encoding.float;
      return encoding.text;
    }
    case 'dynamic':
      if (!(value instanceof DynamicValue)) return mismatch();
      // `[type JSON as bin, value]`, as go-cty writes it.
      return [utf8Encoder.encode(typeJSONText(value.type)), toWire(value.value, value.type, path)];
  }
  if (isList(type) || isSet(type) || isTuple(type)) {
    const elements = expectArray(value, type, path);
    if (isTuple(type) && elements.length !== type.tuple.length) {
      fail('TF_CODEC_TYPE_MISMATCH', path, `expected ${type.tuple.length} tuple elements, got ${elements.length}`);
    }
    const elementType = (i: number): TfType => (isList(type) ? type.list : isSet(type) ? type.set : (type.tuple[i] as TfType));
    return elements.map((element, index) => within(path, { index }, () => toWire(element, elementType(index), path)));
  }
  const object = expectObject(value, type, path);
  if (isMap(type)) {
    return orderedMap(sortedKeys(object).map((key) => [key, within(path, { key }, () => toWire(object[key] ?? null, type.map, path))]));
  }
  return orderedMap(
    objectAttributes(object, type, path).map(([name, attributeType, attributeValue]) => [
      name,
      within(path, { attribute: name }, () => toWire(attributeValue, attributeType, path)),
    ]),
  );
}

/** Reads a decoded msgpack tree as a value of the given type. */
function fromWire(item: unknown, type: TfType, path: PathStep[]): TfValue {
  if (item === null) return null;
  if (isWireUnknown(item)) return UNKNOWN;
  const mismatch = (): never => fail('TF_CODEC_TYPE_MISMATCH', path, `expected ${describeType(type)}, got msgpack ${wireKind(item)}`);
  switch (type) {
    case 'string':
      return item instanceof Uint8Array ? text(item, path).normalize('NFC') : mismatch();
    case 'bool':
      return typeof item === 'boolean' ? item : mismatch();
    case 'number':
      return fromWireNumber(item, path) ?? mismatch();
    case 'dynamic':
      return fromWireDynamic(item, path);
  }
  if (isList(type) || isSet(type) || isTuple(type)) {
    if (!Array.isArray(item)) return mismatch();
    if (isTuple(type) && item.length !== type.tuple.length) {
      fail('TF_CODEC_TYPE_MISMATCH', path, `expected ${type.tuple.length} tuple elements, got ${item.length}`);
    }
    const elementType = (i: number): TfType => (isList(type) ? type.list : isSet(type) ? type.set : (type.tuple[i] as TfType));
    return item.map((element: unknown, index) => within(path, { index }, () => fromWire(element, elementType(index), path)));
  }
  if (!isWireMap(item)) return mismatch();
  const entries = wireEntries(item);
  if (isMap(type)) return fromEntries(entries.map(([key, element]) => [key, within(path, { key }, () => fromWire(element, type.map, path))]));
  const values = entries.map(([name, element]): [string, TfValue] => {
    const attributeType = Object.hasOwn(type.object, name) ? type.object[name] : undefined;
    if (!attributeType) return fail('TF_CODEC_UNSUPPORTED_ATTRIBUTE', [...path, { attribute: name }], 'unsupported attribute');
    return [name, within(path, { attribute: name }, () => fromWire(element, attributeType, path))];
  });
  const present = new Set(values.map(([name]) => name));
  const missing = sortedAttributes(type).find((name) => !present.has(name));
  if (missing !== undefined) fail('TF_CODEC_MISSING_ATTRIBUTE', [...path, { attribute: missing }], 'attribute is missing');
  return fromEntries(values);
}

function fromWireNumber(item: unknown, path: PathStep[]): TfValue | undefined {
  if (typeof item === 'bigint') return numberFromBigInt(item);
  // go-cty panics on NaN (big.Float cannot hold it), so refuse it here rather than pass it on.
  if (typeof item === 'number') return Number.isNaN(item) ? fail('TF_CODEC_INVALID_NUMBER', path, 'NaN is not a number Terraform can hold') : item;
  if (!(item instanceof Uint8Array)) return undefined;
  const source = text(item, path);
  return numberFromText(source) ?? fail('TF_CODEC_INVALID_NUMBER', path, `${JSON.stringify(source)} is not a decimal number of at most ${MAX_PLAIN_LENGTH} digits`);
}

/** `[type JSON (bin, or str), value of that type]`. */
function fromWireDynamic(item: unknown, path: PathStep[]): DynamicValue {
  if (!Array.isArray(item) || item.length !== 2) {
    return fail('TF_CODEC_TYPE_MISMATCH', path, `expected a dynamic value as [type, value], got msgpack ${wireKind(item)}`);
  }
  const [typeJSON, value]: unknown[] = item;
  if (!(typeJSON instanceof Uint8Array)) return fail('TF_CODEC_INVALID_TYPE_JSON', path, `expected type JSON bytes, got msgpack ${wireKind(typeJSON)}`);
  const type = dynamicType(parseJSON(text(typeJSON, path), path), path);
  return new DynamicValue(type, fromWire(value, type, path));
}

function parseJSON(source: string, path: PathStep[]): unknown {
  try {
    return JSON.parse(source);
  } catch {
    return fail('TF_CODEC_INVALID_TYPE_JSON', path, `type is not JSON: ${source}`);
  }
}

function text(bytes: Uint8Array, path: PathStep[]): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return fail('TF_CODEC_MALFORMED', path, 'string is not valid UTF-8');
  }
}
