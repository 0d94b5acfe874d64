import { isList, isMap, isSet, isTuple, type TfType } from '../tftypes/type.js';
import { DynamicValue, ExactNumber, UNKNOWN, type TfValue } from '../tftypes/value.js';
import { describeType, describeValue, fail, type PathStep } from './errors.js';
import { isAscii } from './msgpack-format.js';
import { numberEncoding } from './number.js';
import { expectArray, expectObject, sortedAttributes, sortedKeys, typeJSONText } from './structure.js';

/** Encodes a value as Terraform's DynamicValue.msgpack for the given (schema-implied) type, in go-cty's forms. */
export function encodeMsgpack(value: TfValue, type: TfType): Buffer {
  const writer = new Writer();
  writer.value(value, type, []);
  return writer.result();
}

// One encode runs at a time (it never awaits), so they share a buffer; one grown past this is not kept.
const KEPT_BYTES = 1 << 20;
let shared = Buffer.allocUnsafe(16 * 1024);

class Writer {
  buf = shared;
  pos = 0;

  result(): Buffer {
    const out = Buffer.from(this.buf.subarray(0, this.pos));
    shared = this.buf.length > KEPT_BYTES ? Buffer.allocUnsafe(16 * 1024) : this.buf;
    return out;
  }

  /**
   * Makes room for `n` more bytes; returns where they start. It may replace `this.buf`, so a write names
   * `this.buf` only after the call (`this.buf[this.room(1)] = b` would write to the old buffer).
   */
  room(n: number): number {
    const at = this.pos;
    if (at + n > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(2 * this.buf.length, at + n));
      this.buf.copy(grown, 0, 0, at);
      this.buf = grown;
    }
    this.pos = at + n;
    return at;
  }

  byte(b: number): void {
    const at = this.room(1);
    this.buf[at] = b;
  }

  value(value: TfValue, type: TfType, path: PathStep[]): void {
    if (value === null) return this.byte(0xc0);
    // fixext1 `d4 00 00`: extension 0 with one zero byte, as go-cty writes an unknown.
    if (value === UNKNOWN) {
      const at = this.head(0xd4, 2);
      this.buf[at] = 0;
      this.buf[at + 1] = 0;
      return;
    }
    switch (type) {
      case 'string':
        // cty strings are NFC-normalised; Terraform would normalise on decode anyway.
        return typeof value === 'string' ? this.str(value, true) : this.mismatch(value, type, path);
      case 'bool':
        return typeof value === 'boolean' ? this.byte(value ? 0xc3 : 0xc2) : this.mismatch(value, type, path);
      case 'number':
        return typeof value === 'number' || value instanceof ExactNumber ? this.number(value, path) : this.mismatch(value, type, path);
      case 'dynamic':
        if (!(value instanceof DynamicValue)) return this.mismatch(value, type, path);
        this.byte(0x92);
        this.bin(typeJSONText(value.type));
        return this.value(value.value, value.type, path);
    }
    if (isList(type) || isSet(type) || isTuple(type)) {
      const elements = expectArray(value, type, path);
      if (isTuple(type) && elements.length !== type.tuple.length) {
        fail('TF_CODEC_TYPE_MISMATCH', path, `expected ${type.tuple.length} tuple elements, got ${elements.length}`);
      }
      this.header(elements.length, 0x90, 0xdc);
      for (let index = 0; index < elements.length; index += 1) {
        path.push({ index });
        this.value(elements[index] as TfValue, isList(type) ? type.list : isSet(type) ? type.set : (type.tuple[index] as TfType), path);
        path.pop();
      }
      return;
    }
    const object = expectObject(value, type, path);
    if (isMap(type)) {
      // go-cty writes map keys in the order of their UTF-8 bytes.
      const keys = sortedKeys(object);
      this.header(keys.length, 0x80, 0xde);
      for (const key of keys) {
        this.str(key);
        path.push({ key });
        this.value(object[key] ?? null, type.map, path);
        path.pop();
      }
      return;
    }
    for (const key of Object.keys(object)) {
      if (!Object.hasOwn(type.object, key)) fail('TF_CODEC_UNSUPPORTED_ATTRIBUTE', [...path, { attribute: key }], 'unsupported attribute');
    }
    // Every attribute of the type, in sorted order; one the value lacks is null.
    const names = sortedAttributes(type);
    this.header(names.length, 0x80, 0xde);
    for (const name of names) {
      this.str(name);
      path.push({ attribute: name });
      this.value(Object.hasOwn(object, name) ? (object[name] ?? null) : null, type.object[name] as TfType, path);
      path.pop();
    }
  }

  private mismatch(value: TfValue, type: TfType, path: PathStep[]): never {
    return fail('TF_CODEC_TYPE_MISMATCH', path, `expected ${describeType(type)}, got ${describeValue(value)}`);
  }

  /** go-cty's compact form: an integer in the smallest msgpack int, past 32 bits int64/uint64, else float64 or text. */
  private number(value: number | ExactNumber, path: PathStep[]): void {
    if (typeof value === 'number' && Number.isInteger(value) && value >= -0x80000000 && value <= 0xffffffff) return this.int(value);
    const encoding = numberEncoding(value);
    if (!encoding) return fail('TF_CODEC_INVALID_NUMBER', path, `${String(value)} is not a number Terraform can hold`);
    if ('text' in encoding) return this.str(encoding.text);
    if ('float' in encoding) {
      const at = this.head(0xcb, 8);
      this.buf.writeDoubleBE(encoding.float, at);
      return;
    }
    const int = encoding.int;
    if (int >= -0x80000000n && int <= 0xffffffffn) return this.int(Number(int));
    if (int >= 0n) {
      const at = this.head(0xcf, 8);
      this.buf.writeBigUInt64BE(int, at);
    } else {
      const at = this.head(0xd3, 8);
      this.buf.writeBigInt64BE(int, at);
    }
  }

  private int(n: number): void {
    if (n >= 0 && n < 0x80) return this.byte(n);
    if (n < 0 && n >= -0x20) return this.byte(n + 0x100);
    const size = n >= 0 ? (n < 0x100 ? 1 : n < 0x10000 ? 2 : 4) : n >= -0x80 ? 1 : n >= -0x8000 ? 2 : 4;
    // uint8/16/32 are cc–ce, int8/16/32 d0–d2.
    const at = this.head((n >= 0 ? 0xcc : 0xd0) + (size === 4 ? 2 : size - 1), size);
    if (n >= 0) this.buf.writeUIntBE(n, at, size);
    else this.buf.writeIntBE(n, at, size);
  }

  /** A str: fixstr, str8, str16 or str32 by its UTF-8 length; `normalise` for cty string values (ASCII is NFC already). */
  private str(value: string, normalise = false): void {
    const ascii = isAscii(value);
    const text = normalise && !ascii ? value.normalize('NFC') : value;
    const length = ascii ? text.length : Buffer.byteLength(text, 'utf8');
    if (length < 0x20) this.byte(0xa0 | length);
    else this.length(length, 0xd9, 0xda, 0xdb);
    const at = this.room(length);
    this.buf.write(text, at, length, ascii ? 'latin1' : 'utf8');
  }

  /** A bin (bin8, bin16 or bin32) holding UTF-8 text. */
  private bin(text: string): void {
    const length = Buffer.byteLength(text, 'utf8');
    this.length(length, 0xc4, 0xc5, 0xc6);
    const at = this.room(length);
    this.buf.write(text, at, length, 'utf8');
  }

  /** An array's or map's header: the fix form below 16 entries, else the 16- or 32-bit one. */
  private header(count: number, fix: number, wide16: number): void {
    if (count < 0x10) return this.byte(fix | count);
    const wide = count >= 0x10000;
    const at = this.head(wide ? wide16 + 1 : wide16, wide ? 4 : 2);
    if (wide) this.buf.writeUInt32BE(count, at);
    else this.buf.writeUInt16BE(count, at);
  }

  private length(length: number, format8: number, format16: number, format32: number): void {
    const size = length < 0x100 ? 1 : length < 0x10000 ? 2 : 4;
    const at = this.head(size === 1 ? format8 : size === 2 ? format16 : format32, size);
    this.buf.writeUIntBE(length, at, size);
  }

  /** Writes a format byte and makes room for the `n` bytes after it; returns where those start. */
  private head(format: number, n: number): number {
    const at = this.room(1 + n);
    this.buf[at] = format;
    return at + 1;
  }
}
