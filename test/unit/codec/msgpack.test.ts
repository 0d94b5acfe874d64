import { decode as plainDecode, ExtData } from '@msgpack/msgpack';
import { decodeMsgpack, encodeMsgpack } from '../../../provider/bridge/codec/index.js';
import type { TfType } from '../../../provider/bridge/tftypes/type.js';
import { DynamicValue, ExactNumber, UNKNOWN, type TfValue } from '../../../provider/bridge/tftypes/value.js';
import { ascii, fromHex, normalizeHex, toHex } from './support.js';

const x31 = '78 '.repeat(31);
const typeJSONString = ascii('"string"'); // 8 bytes
const attrs = { count: 'number', id: 'string', name: 'string' } as const;

/** Vectors that hold both ways: encode(value) gives exactly these bytes and decoding them gives the value back. */
const symmetric: [string, TfType, TfValue, string][] = [
  ['null of a primitive', 'string', null, 'c0'],
  ['null of an object', { object: attrs }, null, 'c0'],
  ['unknown number', 'number', UNKNOWN, 'd4 00 00'],
  ['unknown list', { list: 'string' }, UNKNOWN, 'd4 00 00'],
  ['empty string', 'string', '', 'a0'],
  ['fixstr', 'string', 'hello', 'a5 68 65 6c 6c 6f'],
  ['31-byte string stays fixstr', 'string', 'x'.repeat(31), `bf ${x31}`],
  ['32-byte string needs str8', 'string', 'x'.repeat(32), `d9 20 ${x31} 78`],
  ['256-byte string needs str16', 'string', 'x'.repeat(256), `da 01 00 ${'78 '.repeat(256)}`],
  ['string length counts UTF-8 bytes', 'string', 'é', 'a2 c3 a9'],
  ['true', 'bool', true, 'c3'],
  ['false', 'bool', false, 'c2'],
  ['zero', 'number', 0, '00'],
  ['positive fixint max', 'number', 127, '7f'],
  ['uint8 min', 'number', 128, 'cc 80'],
  ['uint8 max', 'number', 255, 'cc ff'],
  ['uint16 min', 'number', 256, 'cd 01 00'],
  ['uint16 max', 'number', 65535, 'cd ff ff'],
  ['uint32 min', 'number', 65536, 'ce 00 01 00 00'],
  ['uint32 max', 'number', 4294967295, 'ce ff ff ff ff'],
  ['uint64 for 2^32', 'number', 4294967296, 'cf 00 00 00 01 00 00 00 00'],
  ['2^53 (not a safe integer, still an int64)', 'number', 2 ** 53, 'cf 00 20 00 00 00 00 00 00'],
  ['2^53+1 needs ExactNumber', 'number', new ExactNumber('9007199254740993'), 'cf 00 20 00 00 00 00 00 01'],
  ['int64 max', 'number', new ExactNumber('9223372036854775807'), 'cf 7f ff ff ff ff ff ff ff'],
  ['negative fixint -1', 'number', -1, 'ff'],
  ['negative fixint min', 'number', -32, 'e0'],
  ['int8 -33', 'number', -33, 'd0 df'],
  ['int8 min', 'number', -128, 'd0 80'],
  ['int16 -129', 'number', -129, 'd1 ff 7f'],
  ['int16 min', 'number', -32768, 'd1 80 00'],
  ['int32 -32769', 'number', -32769, 'd2 ff ff 7f ff'],
  ['int32 min', 'number', -(2 ** 31), 'd2 80 00 00 00'],
  ['int64 below int32', 'number', -(2 ** 31) - 1, 'd3 ff ff ff ff 7f ff ff ff'],
  ['int64 min (exactly a float64, so a JS number)', 'number', -(2 ** 63), 'd3 80 00 00 00 00 00 00 00'],
  ['float64 1.5', 'number', 1.5, 'cb 3f f8 00 00 00 00 00 00'],
  ['float64 -1.5', 'number', -1.5, 'cb bf f8 00 00 00 00 00 00'],
  ['float64 0.1', 'number', 0.1, 'cb 3f b9 99 99 99 99 99 9a'],
  ['smallest subnormal', 'number', 5e-324, 'cb 00 00 00 00 00 00 00 01'],
  ['integer beyond int64 but exact in float64 (go-cty: float64)', 'number', 1e20, 'cb 44 15 af 1d 78 b5 8c 40'],
  ['+Infinity', 'number', Infinity, 'cb 7f f0 00 00 00 00 00 00'],
  ['-Infinity', 'number', -Infinity, 'cb ff f0 00 00 00 00 00 00'],
  ['big integer as decimal text', 'number', new ExactNumber('12345678901234567890'), `b4 ${ascii('12345678901234567890')}`],
  ['long decimal as text', 'number', new ExactNumber('-12345678901234567890.5'), `b7 ${ascii('-12345678901234567890.5')}`],
  ['list of strings', { list: 'string' }, ['a', 'b'], '92 a1 61 a1 62'],
  ['empty list', { list: 'string' }, [], '90'],
  ['16 elements need array16', { list: 'number' }, new Array(16).fill(0), `dc 00 10 ${'00 '.repeat(16)}`],
  ['set of numbers', { set: 'number' }, [1, 2], '92 01 02'],
  ['list with null and unknown elements', { list: 'bool' }, [null, UNKNOWN], '92 c0 d4 00 00'],
  ['tuple', { tuple: ['string', 'number', 'bool'] }, ['x', 1, true], '93 a1 78 01 c3'],
  ['empty tuple', { tuple: [] }, [], '90'],
  ['map, keys sorted', { map: 'bool' }, { b: false, a: true }, '82 a1 61 c3 a1 62 c2'],
  ['map keys sorted by UTF-8 bytes, not UTF-16', { map: 'bool' }, { '\u{1F600}': true, '\uFFFD': false }, '82 a3 ef bf bd c2 a4 f0 9f 98 80 c3'],
  ['map keys that look like integers sort as strings', { map: 'bool' }, { b: true, '10': false, '9': true }, `83 a2 ${ascii('10')} c2 a1 ${ascii('9')} c3 a1 62 c3`],
  ['empty map', { map: 'string' }, {}, '80'],
  ['object, keys sorted, null attribute kept', { object: attrs }, { name: null, id: 'i', count: 3 }, `83 a5 ${ascii('count')} 03 a2 ${ascii('id')} a1 69 a4 ${ascii('name')} c0`],
  ['object with no attributes', { object: {} }, {}, '80'],
  ['list of objects with a nested unknown', { list: { object: { id: 'string' } } }, [{ id: 'a' }, { id: UNKNOWN }], `92 81 a2 ${ascii('id')} a1 61 81 a2 ${ascii('id')} d4 00 00`],
  ['null dynamic is plain nil', 'dynamic', null, 'c0'],
  ['unknown dynamic is plain ext 0', 'dynamic', UNKNOWN, 'd4 00 00'],
  ['dynamic string', 'dynamic', new DynamicValue('string', 'x'), `92 c4 08 ${typeJSONString} a1 78`],
  ['dynamic typed null', 'dynamic', new DynamicValue('string', null), `92 c4 08 ${typeJSONString} c0`],
  ['dynamic typed unknown', 'dynamic', new DynamicValue('string', UNKNOWN), `92 c4 08 ${typeJSONString} d4 00 00`],
  ['dynamic list', 'dynamic', new DynamicValue({ list: 'number' }, [1]), `92 c4 11 ${ascii('["list","number"]')} 91 01`],
  ['dynamic attribute in an object', { object: { d: 'dynamic' } }, { d: new DynamicValue('bool', true) }, `81 a1 64 92 c4 06 ${ascii('"bool"')} c3`],
];

/** Vectors only Terraform produces (other encodings of the same value, refined unknowns, numbers as text). */
const decodeOnly: [string, TfType, string, TfValue][] = [
  ['int8 form of a small number', 'number', 'd0 05', 5],
  ['uint64 form of 1', 'number', 'cf 00 00 00 00 00 00 00 01', 1],
  ['int64 form of -1', 'number', 'd3 ff ff ff ff ff ff ff ff', -1],
  ['float32', 'number', 'ca 3f c0 00 00', 1.5],
  ['0.1 as str (Terraform: not exactly a float64) is the JS number 0.1', 'number', `a3 ${ascii('0.1')}`, 0.1],
  ['integer text is exact even when float64 prints the same digits', 'number', `b4 ${ascii('12345678901234567000')}`, new ExactNumber('12345678901234567000')],
  ['exponent text', 'number', `a3 ${ascii('1e3')}`, 1000],
  ['leading zeros', 'number', `a3 ${ascii('007')}`, 7],
  ['text beyond float64 range', 'number', `a5 ${ascii('1e400')}`, new ExactNumber(`1${'0'.repeat(400)}`)],
  ['uint64 max', 'number', 'cf ff ff ff ff ff ff ff ff', new ExactNumber('18446744073709551615')],
  ['uint64 2^63 (exact in float64)', 'number', 'cf 80 00 00 00 00 00 00 00', 2 ** 63],
  ['number text in bin', 'number', 'c4 02 34 32', 42],
  ['string in bin', 'string', 'c4 02 68 69', 'hi'],
  ['refined unknown string (ext 12, not null, prefix "abc")', 'string', 'c7 08 0c 82 01 c2 02 a3 61 62 63', UNKNOWN],
  ['refined unknown number with bounds', 'number', 'c7 0b 0c 83 01 c2 03 92 00 c3 04 92 0a c2', UNKNOWN],
  ['refined unknown list length', { list: 'string' }, 'c7 05 0c 82 05 01 06 03', UNKNOWN],
  ['refined unknown dynamic', 'dynamic', 'c7 03 0c 81 01 c2', UNKNOWN],
  ['any other extension type is unknown', 'bool', 'd6 05 00 00 00 00', UNKNOWN],
  ['negative extension type is unknown', 'string', 'd4 ff 00', UNKNOWN],
  ['dynamic type JSON as str', 'dynamic', `92 a8 ${typeJSONString} a1 78`, new DynamicValue('string', 'x')],
  ['map16 header', { map: 'number' }, `de 00 01 a1 6b 01`, { k: 1 }],
  ['array32 header', { list: 'number' }, `dd 00 00 00 01 07`, [7]],
  ['object key as bin', { object: { a: 'number' } }, `81 c4 01 61 01`, { a: 1 }],
];

/** Encodings that differ from a plain decode→encode because the value is normalised. */
const encodeOnly: [string, TfType, TfValue, string][] = [
  ['strings are NFC-normalised', 'string', 'e\u0301', 'a2 c3 a9'],
  ['-0 is the integer 0', 'number', -0, '00'],
  ['an ExactNumber that is an int64 goes as int', 'number', new ExactNumber('1e3'), 'cd 03 e8'],
  ['an ExactNumber that is not a float64 goes as text', 'number', new ExactNumber('0.1'), `a3 ${ascii('0.1')}`],
  ['uint64 max goes as text (beyond int64, not a float64)', 'number', new ExactNumber('18446744073709551615'), `b4 ${ascii('18446744073709551615')}`],
  ['2^64 as ExactNumber is exact in float64', 'number', new ExactNumber('18446744073709551616'), 'cb 43 f0 00 00 00 00 00 00'],
  ['ExactNumber text is normalised', 'number', new ExactNumber('+0012345678901234567890.000'), `b4 ${ascii('12345678901234567890')}`],
  ['an attribute missing from the JS object is nil', { object: attrs }, { id: 'i' }, `83 a5 ${ascii('count')} c0 a2 ${ascii('id')} a1 69 a4 ${ascii('name')} c0`],
  ['dynamic type JSON has sorted object keys', 'dynamic', new DynamicValue({ object: { b: 'string', a: 'number' } }, { b: 'x', a: 1 }), `92 c4 26 ${ascii('["object",{"a":"number","b":"string"}]')} 82 a1 61 01 a1 62 a1 78`],
];

describe('encodeMsgpack / decodeMsgpack: symmetric vectors', () => {
  test.each(symmetric)('encode %s', (_name, type, value, hex) => {
    expect(toHex(encodeMsgpack(value, type))).toBe(normalizeHex(hex));
  });

  test.each(symmetric)('decode %s', (_name, type, value, hex) => {
    expect(decodeMsgpack(fromHex(hex), type)).toEqual(value);
  });
});

describe('decodeMsgpack: encodings Terraform may send', () => {
  test.each(decodeOnly)('%s', (_name, type, hex, value) => {
    expect(decodeMsgpack(fromHex(hex), type)).toEqual(value);
  });
});

describe('encodeMsgpack: normalising encodings', () => {
  test.each(encodeOnly)('%s', (_name, type, value, hex) => {
    expect(toHex(encodeMsgpack(value, type))).toBe(normalizeHex(hex));
  });
});

/** A plain, untyped decode confirms the hand-written number and string vectors mean what they claim. */
describe('vectors cross-checked with @msgpack/msgpack', () => {
  const primitives = symmetric.filter(([, type, value]) => (type === 'number' || type === 'string' || type === 'bool') && value !== null && value !== UNKNOWN);

  test.each(primitives)('%s', (_name, _type, value, hex) => {
    const plain = plainDecode(fromHex(hex), { useBigInt64: true });
    if (value instanceof ExactNumber) expect(String(plain)).toBe(value.text); // a bigint or decimal text
    else if (typeof plain === 'bigint') expect(plain).toBe(BigInt(value as number));
    else expect(plain).toBe(value);
  });

  test('unknown is extension 0 with one zero byte', () => {
    expect(plainDecode(fromHex('d4 00 00'))).toEqual(new ExtData(0, Uint8Array.of(0)));
  });
});

describe('the configuration verified against Terraform 1.11.4 (FACTS §3)', () => {
  const type: TfType = {
    object: { big: 'number', dyn: 'dynamic', id: 'string', name: 'string', ratio: 'number', secret_wo: 'string', token: 'string' },
  };
  const dynType = '["object",{"a":"number","b":["tuple",["string"]]}]';
  const head = `87 a3 ${ascii('big')} b4 ${ascii('12345678901234567890')} a3 ${ascii('dyn')} 92 c4 32 ${ascii(dynType)} 82 a1 61 01 a1 62 91 a1 78 a2 ${ascii('id')} d4 00 00 a4 ${ascii('name')} a3 ${ascii('one')} a5 ${ascii('ratio')}`;
  const tail = `a9 ${ascii('secret_wo')} c0 a5 ${ascii('token')} d4 00 00`;
  const fromTerraform = `${head} a3 ${ascii('0.1')} ${tail}`;
  const expected = {
    big: new ExactNumber('12345678901234567890'),
    dyn: new DynamicValue({ object: { a: 'number', b: { tuple: ['string'] } } }, { a: 1, b: ['x'] }),
    id: UNKNOWN,
    name: 'one',
    ratio: 0.1,
    secret_wo: null,
    token: UNKNOWN,
  };

  test('the hand-written bytes are what a plain msgpack decoder sees', () => {
    const plain = plainDecode(fromHex(fromTerraform)) as Record<string, unknown>;
    expect(Object.keys(plain)).toEqual(['big', 'dyn', 'id', 'name', 'ratio', 'secret_wo', 'token']);
    expect(plain['big']).toBe('12345678901234567890');
    expect(plain['ratio']).toBe('0.1');
    const [typeBytes, dynValue] = plain['dyn'] as [Uint8Array, unknown];
    expect(typeBytes).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(typeBytes)).toBe(dynType);
    expect(dynValue).toEqual({ a: 1, b: ['x'] });
  });

  test('decodes to the typed value', () => {
    expect(decodeMsgpack(fromHex(fromTerraform), type)).toEqual(expected);
  });

  test('re-encodes byte for byte, except 0.1 which goes back as a float64 (Terraform accepts it)', () => {
    expect(toHex(encodeMsgpack(expected, type))).toBe(normalizeHex(`${head} cb 3f b9 99 99 99 99 99 9a ${tail}`));
  });
});

const deepList = (depth: number): TfType => (depth === 0 ? 'number' : { list: deepList(depth - 1) });
const deepValue = (depth: number): TfValue => (depth === 0 ? 1 : [deepValue(depth - 1)]);

describe('round trip: decode(encode(v)) == v and re-encoding is byte-stable', () => {
  const group: TfType = { object: { id: 'string', members: { set: 'string' }, weight: 'number' } };
  const cases: [string, TfType, TfValue][] = [
    ['nested lists', { list: { list: 'number' } }, [[1, 2], [], [3.25]]],
    ['sets of objects', { set: group }, [{ id: 'a', members: ['x', 'y'], weight: 1 }, { id: 'b', members: [], weight: null }]],
    ['map of lists', { map: { list: 'bool' } }, { z: [true], a: [false, null], m: [] }],
    ['unknowns at depth', { list: group }, [{ id: UNKNOWN, members: UNKNOWN, weight: new ExactNumber('123456789012345678901234567890') }]],
    ['tuple of mixed', { tuple: ['string', { map: 'number' }, 'dynamic'] }, ['s', { k: -7 }, new DynamicValue({ set: 'string' }, ['q'])]],
    ['dynamic holding dynamic-free object', 'dynamic', new DynamicValue(group, { id: 'g', members: ['m'], weight: 0.5 })],
    ['object with dynamic attributes', { object: { a: 'dynamic', b: 'dynamic' } }, { a: null, b: new DynamicValue('number', new ExactNumber('-99999999999999999999')) }],
    ['unicode map keys', { map: 'string' }, { 'ä': '1', 'a': '2', '\u{1F600}': '3', '': '4' }],
    ['__proto__ as a map key', { map: 'number' }, JSON.parse('{"__proto__": 1, "x": 2}') as TfValue],
    ['large strings and lists', { list: 'string' }, Array.from({ length: 70000 }, (_, i) => `item-${i}`)],
    ['nesting deeper than 100', deepList(150), deepValue(150)],
    ['numbers across every width', { list: 'number' }, [0, 1, -1, 200, -200, 70000, -70000, 2 ** 40, -(2 ** 40), 0.5, 1e300, -(2 ** 63)]],
  ];

  test.each(cases)('%s', (_name, type, value) => {
    const bytes = encodeMsgpack(value, type);
    const decoded = decodeMsgpack(bytes, type);
    expect(decoded).toEqual(value);
    expect(toHex(encodeMsgpack(decoded, type))).toBe(toHex(bytes));
  });
});
