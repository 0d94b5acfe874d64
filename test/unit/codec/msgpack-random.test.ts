import { Encoder, ExtData } from '@msgpack/msgpack';
import { CodecError, decodeMsgpack, encodeMsgpack } from '../../../provider/bridge/codec/index.js';
import { numberEncoding } from '../../../provider/bridge/codec/number.js';
import { sortedAttributes, sortedKeys, typeJSONText } from '../../../provider/bridge/codec/structure.js';
import { isList, isMap, isSet, isTuple, type TfType } from '../../../provider/bridge/tftypes/type.js';
import { DynamicValue, ExactNumber, UNKNOWN, type TfObject, type TfValue } from '../../../provider/bridge/tftypes/value.js';
import { mulberry32 } from '../../../common/seeded-random.js';
import { toHex } from './support.js';

// The codec is hand-written for speed (issue 15). Its oracle here is @msgpack/msgpack, given the tree go-cty's
// form implies: every random value must encode to exactly the bytes the library writes for that tree.

// A lone surrogate (JSON from a server may carry one) is written as U+FFFD, as TextEncoder writes it; the
// library's own short-string path would write the surrogate's bytes, which are not UTF-8.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const wellFormed = (text: string): string => text.replace(LONE_SURROGATE, '\ufffd');

const NUMBERS: TfValue[] = [0, 1, -1, 31, -32, -33, 127, 128, 255, 256, -128, -129, 65535, 65536, -32768, -32769, 2 ** 31, 2 ** 32 - 1, 2 ** 32, -(2 ** 31), -(2 ** 31) - 1, 2 ** 40, -(2 ** 40), 2 ** 53 + 2, -(2 ** 63), 0.5, -0.25, 0.1, 1e300, -1e-300, new ExactNumber('123456789012345678901234567890'), new ExactNumber('-0.10000000000000000000001'), new ExactNumber('18446744073709551615')];
const PIECES = ['a', 'id', 'ci-bot', 'ä', 'e\u0301', '\u{1F600}', '\ud83d', '"', '\\', ' ', '0', '__proto__', 'Ω', 'x'.repeat(40)];

/** What one case may still hold (elements and characters), so a case stays small enough to check quickly. */
let budget = 0;

function randomText(next: () => number): string {
  if (next() < 0.02 && budget >= 20_000) {
    budget -= 20_000;
    return 'long-'.repeat(Math.floor(next() * 20000)); // past the encoder's first buffer
  }
  let text = '';
  for (let n = Math.floor(next() * 4); n > 0; n -= 1) text += PIECES[Math.floor(next() * PIECES.length)];
  return text;
}

function randomType(next: () => number, depth: number): TfType {
  const r = next();
  if (depth >= 4 || r < 0.4) return (['string', 'number', 'bool', 'dynamic'] as const)[Math.floor(next() * (depth === 0 ? 3 : 4))] as TfType;
  if (r < 0.5) return { list: randomType(next, depth + 1) };
  if (r < 0.6) return { set: randomType(next, depth + 1) };
  if (r < 0.7) return { map: randomType(next, depth + 1) };
  if (r < 0.8) return { tuple: Array.from({ length: Math.floor(next() * 4) }, () => randomType(next, depth + 1)) };
  const object: Record<string, TfType> = {};
  for (let n = Math.floor(next() * 6); n > 0; n -= 1) object[wellFormed(randomText(next).slice(0, 12)) || 'k'] = randomType(next, depth + 1);
  return { object };
}

function randomValue(next: () => number, type: TfType, depth: number): TfValue {
  const r = next();
  if (r < 0.08) return null;
  if (r < 0.13) return UNKNOWN;
  if (type === 'string') return randomText(next);
  if (type === 'bool') return next() < 0.5;
  if (type === 'number') return NUMBERS[Math.floor(next() * NUMBERS.length)] as TfValue;
  if (type === 'dynamic') {
    const inner = randomType(next, depth + 1);
    return new DynamicValue(inner, randomValue(next, inner, depth + 1));
  }
  const count = () => {
    const wanted = next() < 0.03 ? 20 + Math.floor(next() * 70000) : Math.floor(next() * 5);
    const granted = Math.max(0, Math.min(wanted, budget));
    budget -= granted;
    return granted;
  };
  if (isList(type) || isSet(type)) return Array.from({ length: count() }, () => randomValue(next, isList(type) ? type.list : type.set, depth + 1));
  if (isTuple(type)) return type.tuple.map((element) => randomValue(next, element, depth + 1));
  const result: Record<string, TfValue> = {};
  if (isMap(type)) {
    for (let n = count(); n > 0; n -= 1) Object.defineProperty(result, randomText(next), { value: randomValue(next, type.map, depth + 1), enumerable: true, writable: true, configurable: true });
    return result;
  }
  // An attribute the value leaves out is written as null.
  for (const name of Object.keys(type.object)) if (next() < 0.9) Object.defineProperty(result, name, { value: randomValue(next, type.object[name] as TfType, depth + 1), enumerable: true, writable: true, configurable: true });
  return result;
}

/** A map the library writes in the given key order. */
const ordered = (entries: [string, unknown][]): object => {
  const keys = entries.map(([key]) => key);
  return new Proxy(Object.fromEntries(entries), { ownKeys: () => keys });
};

/** The plain tree go-cty's encoding of `value` stands for, as @msgpack/msgpack takes it. */
function wireTree(value: TfValue, type: TfType): unknown {
  if (value === null) return null;
  if (value === UNKNOWN) return new ExtData(0, Uint8Array.of(0));
  if (type === 'string') return wellFormed((value as string).normalize('NFC'));
  if (type === 'bool') return value;
  if (type === 'number') {
    const encoding = numberEncoding(value as number | ExactNumber);
    if (!encoding) throw new Error('not a number');
    if ('int' in encoding) return encoding.int >= -(2n ** 31n) && encoding.int < 2n ** 32n ? Number(encoding.int) : encoding.int;
    return 'float' in encoding ? encoding.float : encoding.text;
  }
  if (type === 'dynamic') {
    const dynamic = value as DynamicValue;
    return [new TextEncoder().encode(typeJSONText(dynamic.type)), wireTree(dynamic.value, dynamic.type)];
  }
  if (isList(type) || isSet(type) || isTuple(type)) {
    return (value as TfValue[]).map((element, i) => wireTree(element, isList(type) ? type.list : isSet(type) ? type.set : (type.tuple[i] as TfType)));
  }
  const object = value as TfObject;
  if (isMap(type)) return ordered(sortedKeys(object).map((key) => [wellFormed(key), wireTree(object[key] ?? null, type.map)]));
  return ordered(sortedAttributes(type).map((name) => [wellFormed(name), wireTree(Object.hasOwn(object, name) ? (object[name] ?? null) : null, type.object[name] as TfType)]));
}

/** Equal bytes; otherwise the first difference, with a little around it (whole values can be megabytes). */
function expectSameBytes(actual: Uint8Array, expected: Uint8Array): void {
  let at = 0;
  while (at < actual.length && at < expected.length && actual[at] === expected[at]) at += 1;
  if (at === actual.length && at === expected.length) return;
  const around = (bytes: Uint8Array) => toHex(bytes.subarray(Math.max(0, at - 24), at + 24));
  expect({ firstDifferenceAt: at, actual: around(actual), lengths: [actual.length, expected.length] }).toEqual({ firstDifferenceAt: at, actual: around(expected), lengths: [expected.length, expected.length] });
}

const library = new Encoder({ useBigInt64: true, sortKeys: false, maxDepth: Infinity });
const SEEDS = Array.from({ length: 8 }, (_, i) => 0x5eed + i);

describe.each(SEEDS)('random typed values, seed %d', (seed) => {
  const next = mulberry32(seed);
  const cases = Array.from({ length: 40 }, () => {
    const type = randomType(next, 0);
    budget = 60_000;
    return { type, value: randomValue(next, type, 0) };
  });

  test('encode writes exactly what @msgpack/msgpack writes for go-cty form; decode reads it back', () => {
    for (const { type, value } of cases) {
      const bytes = encodeMsgpack(value, type);
      expectSameBytes(bytes, library.encode(wireTree(value, type)));
      expectSameBytes(encodeMsgpack(decodeMsgpack(bytes, type), type), bytes);
    }
  });

  test('damaged bytes decode or fail with a CodecError, never anything else', () => {
    for (const { type, value } of cases) {
      const bytes = encodeMsgpack(value, type);
      for (let trial = 0; trial < 12; trial += 1) {
        const damaged = Buffer.from(bytes);
        const at = Math.floor(next() * damaged.length);
        const kind = next();
        const input = kind < 0.4 ? damaged.subarray(0, at) : kind < 0.8 ? (damaged.fill(Math.floor(next() * 256), at, at + 1), damaged) : Buffer.concat([damaged.subarray(0, at), Buffer.of(Math.floor(next() * 256)), damaged.subarray(at)]);
        try {
          decodeMsgpack(input, type);
        } catch (error) {
          if (!(error instanceof CodecError)) throw new Error(`${toHex(input).slice(0, 200)}: ${String(error)}`);
        }
      }
    }
  });
});

test('a lone surrogate, in a value or a key, is written as U+FFFD', () => {
  expect(toHex(encodeMsgpack({ 'k\ud83d': 'v\ude00' }, { map: 'string' }))).toBe('81 a4 6b ef bf bd a4 76 ef bf bd');
});

test('each result has its own bytes: a later encode does not change an earlier one', () => {
  const first = encodeMsgpack({ a: 'one' }, { object: { a: 'string' } });
  const copy = toHex(first);
  encodeMsgpack({ a: 'two' }, { object: { a: 'string' } });
  expect(toHex(first)).toBe(copy);
});
