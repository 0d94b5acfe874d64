import type { TfValue } from '../tftypes/value.js';

/** For messages: the msgpack family an item's first byte starts (str and bin both read as text). */
export function wireKind(b: number): string {
  if (b === 0xc0) return 'nil';
  if (b === 0xc1) return 'the reserved byte 0xc1';
  if (b === 0xc2 || b === 0xc3) return 'bool';
  if ((b >= 0xd4 && b <= 0xd8) || (b >= 0xc7 && b <= 0xc9)) return 'ext';
  if (b <= 0x7f || b >= 0xe0 || (b >= 0xca && b <= 0xd3)) return 'number';
  if ((b >= 0xa0 && b <= 0xbf) || (b >= 0xd9 && b <= 0xdb) || (b >= 0xc4 && b <= 0xc6)) return 'str/bin';
  if ((b >= 0x90 && b <= 0x9f) || b === 0xdc || b === 0xdd) return 'array';
  return 'map';
}

const NON_ASCII = /[\u0080-\uffff]/;

/** ASCII text is the same in Latin-1 and UTF-8, and already NFC: the common case, done natively. */
export const isAscii = (text: string): boolean => !NON_ASCII.test(text);

/** Sets an entry of a decoded map or object; a `__proto__` key becomes an own property, not the prototype. */
export function defineEntry(target: Record<string, TfValue>, key: string, value: TfValue): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
