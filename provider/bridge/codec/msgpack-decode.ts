import { isList, isMap, isSet, isTuple, type ObjectType, type TfType } from '../tftypes/type.js';
import { DynamicValue, UNKNOWN, type TfObject, type TfValue } from '../tftypes/value.js';
import { describeType, fail, type PathStep } from './errors.js';
import { defineEntry, isAscii, wireKind } from './msgpack-format.js';
import { MAX_PLAIN_LENGTH, numberFromBigInt, numberFromText } from './number.js';
import { dynamicType, sortedAttributes } from './structure.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes DynamicValue.msgpack with the type the schema implies (the bytes alone do not say it), in one pass
 * over the bytes: no intermediate tree. Bytes that are not one msgpack item are TF_CODEC_MALFORMED at the root.
 */
export function decodeMsgpack(bytes: Uint8Array, type: TfType): TfValue {
  const reader = new Reader(bytes);
  const value = reader.value(type, []);
  if (reader.pos !== reader.end) reader.malformed(`${reader.end - reader.pos} bytes after the value`);
  return value;
}

class Reader {
  readonly buf: Buffer;
  readonly end: number;
  pos = 0;

  constructor(bytes: Uint8Array) {
    this.buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.end = bytes.byteLength;
  }

  malformed(reason: string): never {
    return fail('TF_CODEC_MALFORMED', [], `not msgpack: ${reason}`);
  }

  /** Checks that `n` more bytes are there; returns where they start. */
  take(n: number): number {
    const at = this.pos;
    if (at + n > this.end) this.malformed('the input ends inside a value');
    this.pos = at + n;
    return at;
  }

  value(type: TfType, path: PathStep[]): TfValue {
    const b = this.buf[this.take(1)] as number;
    if (b === 0xc0) return null;
    if (b === 0xc1) this.malformed('byte 0xc1 is reserved');
    // go-cty reads any extension as unknown: Terraform's 0, its refined unknown 12 (refinements dropped).
    if (this.skipExtension(b)) return UNKNOWN;
    switch (type) {
      case 'string': {
        const length = this.textLength(b);
        return length < 0 ? this.mismatch(type, b, path) : this.text(length, path, true);
      }
      case 'bool':
        return b === 0xc3 ? true : b === 0xc2 ? false : this.mismatch(type, b, path);
      case 'number':
        return this.number(b, path);
      case 'dynamic':
        return this.dynamic(b, path);
    }
    if (isList(type) || isSet(type) || isTuple(type)) {
      const count = this.arrayLength(b);
      if (count < 0) return this.mismatch(type, b, path);
      if (isTuple(type) && count !== type.tuple.length) {
        fail('TF_CODEC_TYPE_MISMATCH', path, `expected ${type.tuple.length} tuple elements, got ${count}`);
      }
      if (count > this.end - this.pos) this.malformed(`an array of ${count} elements in ${this.end - this.pos} bytes`);
      const elements: TfValue[] = new Array<TfValue>(count);
      for (let index = 0; index < count; index += 1) {
        path.push({ index });
        elements[index] = this.value(isList(type) ? type.list : isSet(type) ? type.set : (type.tuple[index] as TfType), path);
        path.pop();
      }
      return elements;
    }
    const count = this.mapLength(b);
    if (count < 0) return this.mismatch(type, b, path);
    if (2 * count > this.end - this.pos) this.malformed(`a map of ${count} entries in ${this.end - this.pos} bytes`);
    return isMap(type) ? this.map(count, type.map, path) : this.object(count, type, path);
  }

  private map(count: number, elementType: TfType, path: PathStep[]): TfObject {
    const result: Record<string, TfValue> = {};
    for (let i = 0; i < count; i += 1) {
      const key = this.key();
      path.push({ key });
      defineEntry(result, key, this.value(elementType, path));
      path.pop();
    }
    return result;
  }

  private object(count: number, type: ObjectType, path: PathStep[]): TfObject {
    const result: Record<string, TfValue> = {};
    let present = 0;
    for (let i = 0; i < count; i += 1) {
      const name = this.key();
      const attributeType = Object.hasOwn(type.object, name) ? type.object[name] : undefined;
      if (attributeType === undefined) return fail('TF_CODEC_UNSUPPORTED_ATTRIBUTE', [...path, { attribute: name }], 'unsupported attribute');
      if (!Object.hasOwn(result, name)) present += 1;
      path.push({ attribute: name });
      defineEntry(result, name, this.value(attributeType, path));
      path.pop();
    }
    const names = sortedAttributes(type);
    if (present !== names.length) {
      const missing = names.find((name) => !Object.hasOwn(result, name)) as string;
      fail('TF_CODEC_MISSING_ATTRIBUTE', [...path, { attribute: missing }], 'attribute is missing');
    }
    return result;
  }

  /** A map key: str, or bin, which go-cty's decoder reads like a str. */
  private key(): string {
    const b = this.buf[this.take(1)] as number;
    const length = this.textLength(b);
    if (length < 0) this.malformed(`map key must be a string, got msgpack ${wireKind(b)}`);
    return this.utf8(length, false) ?? this.malformed('map key is not valid UTF-8');
  }

  /** The UTF-8 text of a str or bin whose header was read; cty strings are NFC-normalised. */
  private text(length: number, path: PathStep[], normalise: boolean): string {
    return this.utf8(length, normalise) ?? fail('TF_CODEC_MALFORMED', path, 'string is not valid UTF-8');
  }

  /** The next `length` bytes as UTF-8 text (NFC if `normalise`; ASCII is already), or undefined if they are not UTF-8. */
  private utf8(length: number, normalise: boolean): string | undefined {
    const start = this.take(length);
    const latin1 = this.buf.toString('latin1', start, this.pos);
    if (isAscii(latin1)) return latin1;
    let text: string;
    try {
      text = utf8.decode(this.buf.subarray(start, this.pos));
    } catch {
      return undefined;
    }
    return normalise ? text.normalize('NFC') : text;
  }

  private number(b: number, path: PathStep[]): TfValue {
    if (b <= 0x7f) return b;
    if (b >= 0xe0) return b - 0x100;
    const buf = this.buf;
    switch (b) {
      case 0xcc:
        return buf.readUInt8(this.take(1));
      case 0xcd:
        return buf.readUInt16BE(this.take(2));
      case 0xce:
        return buf.readUInt32BE(this.take(4));
      case 0xcf:
        return numberFromBigInt(buf.readBigUInt64BE(this.take(8)));
      case 0xd0:
        return buf.readInt8(this.take(1));
      case 0xd1:
        return buf.readInt16BE(this.take(2));
      case 0xd2:
        return buf.readInt32BE(this.take(4));
      case 0xd3:
        return numberFromBigInt(buf.readBigInt64BE(this.take(8)));
      case 0xca:
      case 0xcb: {
        const float = b === 0xca ? buf.readFloatBE(this.take(4)) : buf.readDoubleBE(this.take(8));
        // go-cty panics on NaN (big.Float cannot hold it), so refuse it here rather than pass it on.
        return Number.isNaN(float) ? fail('TF_CODEC_INVALID_NUMBER', path, 'NaN is not a number Terraform can hold') : float;
      }
    }
    // Numbers beyond a float64 travel as decimal text.
    const length = this.textLength(b);
    if (length < 0) return this.mismatch('number', b, path);
    const source = this.text(length, path, false);
    return numberFromText(source) ?? fail('TF_CODEC_INVALID_NUMBER', path, `${JSON.stringify(source)} is not a decimal number of at most ${MAX_PLAIN_LENGTH} digits`);
  }

  /** `[type JSON (bin, or str), value of that type]`, as go-cty writes it. */
  private dynamic(b: number, path: PathStep[]): DynamicValue {
    if (this.arrayLength(b) !== 2) {
      return fail('TF_CODEC_TYPE_MISMATCH', path, `expected a dynamic value as [type, value], got msgpack ${wireKind(b)}`);
    }
    const head = this.buf[this.take(1)] as number;
    const length = this.textLength(head);
    if (length < 0) return fail('TF_CODEC_INVALID_TYPE_JSON', path, `expected type JSON bytes, got msgpack ${wireKind(head)}`);
    const source = this.text(length, path, false);
    let json: unknown;
    try {
      json = JSON.parse(source);
    } catch {
      return fail('TF_CODEC_INVALID_TYPE_JSON', path, `type is not JSON: ${source}`);
    }
    const type = dynamicType(json, path);
    return new DynamicValue(type, this.value(type, path));
  }

  private mismatch(type: TfType, b: number, path: PathStep[]): never {
    return fail('TF_CODEC_TYPE_MISMATCH', path, `expected ${describeType(type)}, got msgpack ${wireKind(b)}`);
  }

  /** The byte length of a str or bin whose first byte is `b` (its length bytes consumed), or -1. */
  private textLength(b: number): number {
    if (b >= 0xa0 && b <= 0xbf) return b & 0x1f;
    switch (b) {
      case 0xd9:
      case 0xc4:
        return this.buf.readUInt8(this.take(1));
      case 0xda:
      case 0xc5:
        return this.buf.readUInt16BE(this.take(2));
      case 0xdb:
      case 0xc6:
        return this.buf.readUInt32BE(this.take(4));
    }
    return -1;
  }

  private arrayLength(b: number): number {
    if (b >= 0x90 && b <= 0x9f) return b & 0x0f;
    if (b === 0xdc) return this.buf.readUInt16BE(this.take(2));
    if (b === 0xdd) return this.buf.readUInt32BE(this.take(4));
    return -1;
  }

  private mapLength(b: number): number {
    if (b >= 0x80 && b <= 0x8f) return b & 0x0f;
    if (b === 0xde) return this.buf.readUInt16BE(this.take(2));
    if (b === 0xdf) return this.buf.readUInt32BE(this.take(4));
    return -1;
  }

  /** Skips an extension whose first byte is `b`; false if `b` starts something else. */
  private skipExtension(b: number): boolean {
    let length: number;
    if (b >= 0xd4 && b <= 0xd8) length = 1 << (b - 0xd4);
    else if (b === 0xc7) length = this.buf.readUInt8(this.take(1));
    else if (b === 0xc8) length = this.buf.readUInt16BE(this.take(2));
    else if (b === 0xc9) length = this.buf.readUInt32BE(this.take(4));
    else return false;
    this.take(length + 1); // the extension type, then its payload
    return true;
  }
}
