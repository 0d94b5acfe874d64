import { decodeJsonState, encodeJson, formatPath, type CodecErrorCode } from '../../../provider/bridge/codec/index.js';
import type { TfType } from '../../../provider/bridge/tftypes/type.js';
import { DynamicValue, ExactNumber, UNKNOWN, type TfValue } from '../../../provider/bridge/tftypes/value.js';
import { codecError } from './support.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (data: Uint8Array): string => new TextDecoder().decode(data);

const tokenType: TfType = { object: { id: 'string', name: 'string', secret_wo: 'string', token: 'string' } };
const dynType: TfType = { object: { a: 'number', b: { tuple: ['string'] } } };

describe('decodeJsonState', () => {
  const cases: [string, TfType, string, TfValue][] = [
    ['raw_state verified with Terraform 1.11.4', tokenType, '{"id":"sa-1","name":"one","secret_wo":null,"token":"t0k"}', { id: 'sa-1', name: 'one', secret_wo: null, token: 't0k' }],
    ['missing attribute is null', tokenType, '{"id":"sa-1"}', { id: 'sa-1', name: null, secret_wo: null, token: null }],
    ['big integer stays exact', { object: { big: 'number' } }, '{"big":12345678901234567890}', { big: new ExactNumber('12345678901234567890') }],
    ['0.1 is the JS number', 'number', '0.1', 0.1],
    ['exponent beyond float64', 'number', '1e400', new ExactNumber(`1${'0'.repeat(400)}`)],
    ['long decimal stays exact', 'number', '3.14159265358979323846264338327950288', new ExactNumber('3.14159265358979323846264338327950288')],
    ['number given as string (go-cty converts)', 'number', '"42"', 42],
    ['string given as number keeps its text', 'string', '1.50', '1.50'],
    ['string given as bool', 'string', 'true', 'true'],
    ['bool given as string', 'bool', '"false"', false],
    ['set as array', { set: 'string' }, '["b","a"]', ['b', 'a']],
    ['tuple', { tuple: ['string', 'number'] }, '["x",2]', ['x', 2]],
    ['map', { map: 'number' }, '{"a":1,"b":-2.5}', { a: 1, b: -2.5 }],
    ['dynamic as {value, type}', { object: { dyn: 'dynamic' } }, '{"dyn":{"value":{"a":1,"b":["x"]},"type":["object",{"a":"number","b":["tuple",["string"]]}]}}', { dyn: new DynamicValue(dynType, { a: 1, b: ['x'] }) }],
    ['dynamic with type first', 'dynamic', '{"type":"string","value":"x"}', new DynamicValue('string', 'x')],
    ['dynamic typed null', 'dynamic', '{"value":null,"type":"number"}', new DynamicValue('number', null)],
    ['null dynamic', 'dynamic', 'null', null],
    ['nested blocks', { list: { object: { id: 'string', tags: { map: 'string' } } } }, '[{"id":"a","tags":{}},{"id":"b","tags":null}]', [{ id: 'a', tags: {} }, { id: 'b', tags: null }]],
  ];

  test.each(cases)('%s', (_name, type, json, value) => {
    expect(decodeJsonState(bytes(json), type)).toEqual(value);
  });
});

describe('decodeJsonState errors', () => {
  const groups: TfType = { object: { groups: { list: { object: { id: 'string' } } } } };
  const cases: [string, TfType, string, CodecErrorCode, string][] = [
    ['wrong type deep inside', groups, '{"groups":[{"id":"a"},{"id":[]}]}', 'TF_CODEC_TYPE_MISMATCH', 'groups[1].id'],
    ['attribute not in the schema', groups, '{"groups":[{"id":"a","old":1}]}', 'TF_CODEC_UNSUPPORTED_ATTRIBUTE', 'groups[0].old'],
    ['not JSON', tokenType, '{"id":', 'TF_CODEC_MALFORMED', '(root)'],
    ['duplicate keys with different values', tokenType, '{"id":"a","id":"b"}', 'TF_CODEC_MALFORMED', '(root)'],
    ['number text that is not a number', { map: 'number' }, '{"k":"many"}', 'TF_CODEC_INVALID_NUMBER', '["k"]'],
    ['number with more digits than the codec accepts', 'number', '1e5000', 'TF_CODEC_INVALID_NUMBER', '(root)'],
    ['bool given as other text', 'bool', '"yes"', 'TF_CODEC_TYPE_MISMATCH', '(root)'],
    ['tuple of the wrong length', { tuple: ['string'] }, '["a","b"]', 'TF_CODEC_TYPE_MISMATCH', '(root)'],
    ['object given an array', tokenType, '[]', 'TF_CODEC_TYPE_MISMATCH', '(root)'],
    ['dynamic without type', { object: { d: 'dynamic' } }, '{"d":{"value":1}}', 'TF_CODEC_INVALID_TYPE_JSON', 'd'],
    ['dynamic without value', 'dynamic', '{"type":"number"}', 'TF_CODEC_TYPE_MISMATCH', '(root)'],
    ['dynamic with an extra key', 'dynamic', '{"type":"number","value":1,"x":0}', 'TF_CODEC_TYPE_MISMATCH', '(root)'],
    ['dynamic with an invalid type', 'dynamic', '{"type":["list"],"value":[]}', 'TF_CODEC_INVALID_TYPE_JSON', '(root)'],
  ];

  test.each(cases)('%s', (_name, type, json, code, path) => {
    const error = codecError(() => decodeJsonState(bytes(json), type));
    expect(error.code).toBe(code);
    expect(formatPath(error.path)).toBe(path);
  });
});

describe('encodeJson', () => {
  const cases: [string, TfType, TfValue, string][] = [
    ['object keys sorted, every attribute present', tokenType, { token: 't', id: 'i' }, '{"id":"i","name":null,"secret_wo":null,"token":"t"}'],
    ['numbers as plain decimals', { list: 'number' }, [1, -2.5, 0.1, 1e21, 1e-7, -0], '[1,-2.5,0.1,1000000000000000000000,0.0000001,0]'],
    ['ExactNumber text normalised', 'number', new ExactNumber('1.2345678901234567890e19'), '12345678901234567890'],
    ['map keys sorted by UTF-8 bytes', { map: 'bool' }, { '\u{1F600}': true, '\uFFFD': false, a: true }, '{"a":true,"\uFFFD":false,"\u{1F600}":true}'],
    ['strings escaped and NFC-normalised', 'string', 'say "e\u0301"\n', '"say \\"é\\"\\n"'],
    ['dynamic as {value, type} with sorted type JSON', 'dynamic', new DynamicValue({ object: { b: 'string', a: 'number' } }, { b: 'x', a: 1 }), '{"value":{"a":1,"b":"x"},"type":["object",{"a":"number","b":"string"}]}'],
    ['null dynamic', 'dynamic', null, 'null'],
    ['sets and tuples as arrays', { tuple: [{ set: 'string' }, 'bool'] }, [['x'], false], '[["x"],false]'],
  ];

  test.each(cases)('%s', (_name, type, value, json) => {
    expect(text(encodeJson(value, type))).toBe(json);
  });

  test.each([
    ['unknown', { list: 'string' }, ['a', UNKNOWN], 'TF_CODEC_UNKNOWN_IN_JSON', '[1]'],
    ['Infinity', { object: { n: 'number' } }, { n: Infinity }, 'TF_CODEC_INVALID_NUMBER', 'n'],
    ['NaN', 'number', NaN, 'TF_CODEC_INVALID_NUMBER', '(root)'],
    ['attribute the type lacks', tokenType, { id: 'x', extra: 1 }, 'TF_CODEC_UNSUPPORTED_ATTRIBUTE', 'extra'],
    ['value of the wrong type', { map: 'bool' }, { k: 'true' }, 'TF_CODEC_TYPE_MISMATCH', '["k"]'],
  ] as [string, TfType, TfValue, CodecErrorCode, string][])('refuses %s', (_name, type, value, code, path) => {
    const error = codecError(() => encodeJson(value, type));
    expect(error.code).toBe(code);
    expect(formatPath(error.path)).toBe(path);
  });
});

describe('JSON round trip: decodeJsonState(encodeJson(v)) == v', () => {
  const cases: [string, TfType, TfValue][] = [
    ['state object', tokenType, { id: 'i', name: 'n', secret_wo: null, token: 't' }],
    ['exact numbers', { list: 'number' }, [new ExactNumber('12345678901234567890'), new ExactNumber('-0.100000000000000000001'), 2 ** 53, 0.1]],
    ['dynamic nested', { map: 'dynamic' }, { a: new DynamicValue(dynType, { a: 3, b: ['y'] }), b: null }],
    ['__proto__ as a map key', { map: 'string' }, JSON.parse('{"__proto__":"p","q":"r"}') as TfValue],
  ];

  test.each(cases)('%s', (_name, type, value) => {
    expect(decodeJsonState(encodeJson(value, type), type)).toEqual(value);
  });
});
