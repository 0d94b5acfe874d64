import { DecodeError, Decoder, Encoder, EXT_TIMESTAMP, ExtData, ExtensionCodec } from '@msgpack/msgpack';
import { UNKNOWN } from '../tftypes/value.js';
import { fail } from './errors.js';

/**
 * @msgpack/msgpack set up for Terraform's wire values. Decoding gives a plain tree: null, boolean, number, bigint
 * (int64/uint64), Uint8Array (str or bin), array, map (read it with wireEntries) and UNKNOWN / ExtData for unknowns.
 */

// Terraform marks an unknown as extension 0, a refined unknown as 12 (its refinements are dropped, as in HashiCorp's
// SDK). go-cty reads any extension as unknown: unregistered types arrive as ExtData, and the library's built-in
// timestamp (-1) is re-registered so it does not throw on Terraform's payloads.
const extensionCodec = new ExtensionCodec();
const UNKNOWN_PAYLOAD = Uint8Array.of(0); // one zero byte: fixext1 `d4 00 00`, as go-cty writes it
extensionCodec.register({ type: 0, encode: (input) => (input === UNKNOWN ? UNKNOWN_PAYLOAD : null), decode: () => UNKNOWN });
extensionCodec.register({ type: 12, encode: () => null, decode: () => UNKNOWN });
extensionCodec.register({ type: EXT_TIMESTAMP, encode: () => null, decode: () => UNKNOWN });

const utf8 = new TextDecoder('utf-8', { fatal: true });

// Map keys come back prefixed: the decoder refuses a bare `__proto__` key, and JS would reorder integer-like ones.
const KEY_PREFIX = '#';

function keyText(bytes: Uint8Array): string {
  try {
    return KEY_PREFIX + utf8.decode(bytes);
  } catch {
    throw new DecodeError('map key is not valid UTF-8');
  }
}

const decoder = new Decoder({
  extensionCodec,
  useBigInt64: true,
  // Strings arrive as bytes so invalid UTF-8 is refused (the library decodes it leniently); map keys go through keyDecoder.
  rawStrings: true,
  keyDecoder: { canBeCached: () => true, decode: (bytes, offset, length) => keyText(bytes.subarray(offset, offset + length)) },
  mapKeyConverter: (key) => {
    if (typeof key === 'string') return key; // from keyDecoder
    // go-cty's decoder reads a bin key like a str one.
    if (key instanceof Uint8Array) return keyText(key);
    throw new DecodeError(`map key must be a string, got ${typeof key}`);
  },
});

const encoder = new Encoder({
  extensionCodec,
  useBigInt64: true,
  forceFloat32: false,
  // The typed walk already orders keys as go-cty does (UTF-8 bytes); the library's sort compares UTF-16 units.
  sortKeys: false,
  // The type bounds the depth; the library's default cap of 100 would refuse deep but valid values.
  maxDepth: Infinity,
});

/** Decodes one msgpack item; bytes that are not exactly one item are TF_CODEC_MALFORMED. */
export function readMsgpack(bytes: Uint8Array): unknown {
  try {
    return decoder.decode(bytes);
  } catch (error) {
    if (error instanceof DecodeError || error instanceof RangeError) return fail('TF_CODEC_MALFORMED', [], `not msgpack: ${error.message}`);
    throw error;
  }
}

export const writeMsgpack = (tree: unknown): Uint8Array => encoder.encode(tree);

export const isWireUnknown = (item: unknown): boolean => item === UNKNOWN || item instanceof ExtData;

export const isWireMap = (item: unknown): item is Record<string, unknown> =>
  typeof item === 'object' && item !== null && Object.getPrototypeOf(item) === Object.prototype;

/** A decoded map's entries in wire order. */
export const wireEntries = (map: Record<string, unknown>): [string, unknown][] =>
  Object.entries(map).map(([key, value]) => [key.slice(KEY_PREFIX.length), value]);

/** For messages: the msgpack family of a decoded item (str and bin both arrive as bytes). */
export function wireKind(item: unknown): string {
  if (item === null) return 'nil';
  if (isWireUnknown(item)) return 'ext';
  if (typeof item === 'boolean') return 'bool';
  if (typeof item === 'number' || typeof item === 'bigint') return 'number';
  if (item instanceof Uint8Array) return 'str/bin';
  return Array.isArray(item) ? 'array' : 'map';
}

/** Integers in go-cty's compact form: the library writes numbers past 32 bits as float64, bigints always as int64/uint64. */
export const wireInt = (value: bigint): number | bigint => (value >= -(2n ** 31n) && value < 2n ** 32n ? Number(value) : value);

/** A map the encoder writes in the given key order; a plain object would put integer-like keys first. */
export function orderedMap(entries: readonly [string, unknown][]): object {
  const keys = entries.map(([key]) => key);
  return new Proxy(Object.fromEntries(entries), { ownKeys: () => keys });
}
