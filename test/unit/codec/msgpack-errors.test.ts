import { decodeMsgpack, encodeMsgpack, formatPath, type CodecErrorCode } from '../../../provider/bridge/codec/index.js';
import type { TfType } from '../../../provider/bridge/tftypes/type.js';
import { DynamicValue, ExactNumber, type TfValue } from '../../../provider/bridge/tftypes/value.js';
import { ascii, codecError, fromHex } from './support.js';

const groups: TfType = { object: { groups: { list: { object: { id: 'string' } } } } };

describe('decodeMsgpack errors name the code and the path', () => {
  const cases: [string, TfType, string, CodecErrorCode, string][] = [
    ['wrong type deep inside', groups, `81 a6 ${ascii('groups')} 92 81 a2 ${ascii('id')} a1 61 81 a2 ${ascii('id')} 01`, 'TF_CODEC_TYPE_MISMATCH', 'groups[1].id'],
    ['missing attribute', { object: { a: 'string', b: 'string' } }, '81 a1 61 c0', 'TF_CODEC_MISSING_ATTRIBUTE', 'b'],
    ['unsupported attribute', { object: { a: 'string' } }, '82 a1 61 c0 a1 7a c0', 'TF_CODEC_UNSUPPORTED_ATTRIBUTE', 'z'],
    ['map key that is not a string', { map: 'string' }, '81 01 c0', 'TF_CODEC_MALFORMED', '(root)'],
    ['map key that is not UTF-8', { map: 'string' }, '81 a1 ff c0', 'TF_CODEC_MALFORMED', '(root)'],
    ['map key that is an extension', { map: 'string' }, '81 d4 00 00 c0', 'TF_CODEC_MALFORMED', '(root)'],
    ['number text that is not a number', { map: 'number' }, `81 a1 6b a1 78`, 'TF_CODEC_INVALID_NUMBER', '["k"]'],
    ['NaN float64', 'number', 'cb 7f f8 00 00 00 00 00 00', 'TF_CODEC_INVALID_NUMBER', '(root)'],
    ['bool given an int', 'bool', '01', 'TF_CODEC_TYPE_MISMATCH', '(root)'],
    ['list given a map', { list: 'string' }, '80', 'TF_CODEC_TYPE_MISMATCH', '(root)'],
    ['object given an array', { object: {} }, '90', 'TF_CODEC_TYPE_MISMATCH', '(root)'],
    ['tuple of the wrong length', { tuple: ['string'] }, '92 a1 61 a1 62', 'TF_CODEC_TYPE_MISMATCH', '(root)'],
    ['invalid UTF-8', 'string', 'a1 ff', 'TF_CODEC_MALFORMED', '(root)'],
    // Bytes that are not msgpack are refused at the root, whatever the walk had reached.
    ['truncated string', 'string', 'a5 68 65', 'TF_CODEC_MALFORMED', '(root)'],
    ['truncated inside a list', { list: 'string' }, '92 a1 61 a5 68', 'TF_CODEC_MALFORMED', '(root)'],
    ['missing list elements', { list: 'string' }, '92 a1 61', 'TF_CODEC_MALFORMED', '(root)'],
    ['empty input', 'string', '', 'TF_CODEC_MALFORMED', '(root)'],
    ['trailing bytes', 'string', 'c0 c0', 'TF_CODEC_MALFORMED', '(root)'],
    ['reserved byte 0xc1', 'string', 'c1', 'TF_CODEC_MALFORMED', '(root)'],
    ['reserved byte 0xc1 as a map key', { map: 'string' }, '81 c1 c0', 'TF_CODEC_MALFORMED', '(root)'],
    ['dynamic not a pair', { object: { d: 'dynamic' } }, `81 a1 64 91 c0`, 'TF_CODEC_TYPE_MISMATCH', 'd'],
    ['dynamic type that is not a type', { object: { d: 'dynamic' } }, `81 a1 64 92 a7 ${ascii('"bogus"')} c0`, 'TF_CODEC_INVALID_TYPE_JSON', 'd'],
    ['dynamic type that is not JSON', 'dynamic', `92 c4 03 ${ascii('{{{')} c0`, 'TF_CODEC_INVALID_TYPE_JSON', '(root)'],
    ['dynamic type given as a number', 'dynamic', '92 01 c0', 'TF_CODEC_INVALID_TYPE_JSON', '(root)'],
    ['dynamic value not matching its type', { list: 'dynamic' }, `91 92 c4 08 ${ascii('"number"')} c3`, 'TF_CODEC_TYPE_MISMATCH', '[0]'],
  ];

  test.each(cases)('%s', (_name, type, hex, code, path) => {
    const error = codecError(() => decodeMsgpack(fromHex(hex), type));
    expect(error.code).toBe(code);
    expect(formatPath(error.path)).toBe(path);
  });
});

describe('encodeMsgpack errors name the code and the path', () => {
  const cases: [string, TfType, TfValue, CodecErrorCode, string][] = [
    ['wrong type deep inside', groups, { groups: [{ id: 'a' }, { id: 5 }] }, 'TF_CODEC_TYPE_MISMATCH', 'groups[1].id'],
    ['NaN', { object: { n: 'number' } }, { n: NaN }, 'TF_CODEC_INVALID_NUMBER', 'n'],
    ['ExactNumber that is not a number', 'number', new ExactNumber('12abc'), 'TF_CODEC_INVALID_NUMBER', '(root)'],
    ['string for a number', 'number', '1', 'TF_CODEC_TYPE_MISMATCH', '(root)'],
    ['number for a string', 'string', 1, 'TF_CODEC_TYPE_MISMATCH', '(root)'],
    ['attribute the type lacks', { object: { a: 'string' } }, { a: 'x', b: 'y' }, 'TF_CODEC_UNSUPPORTED_ATTRIBUTE', 'b'],
    ['tuple of the wrong length', { tuple: ['string', 'string'] }, ['x'], 'TF_CODEC_TYPE_MISMATCH', '(root)'],
    ['array for a map', { map: 'string' }, ['x'], 'TF_CODEC_TYPE_MISMATCH', '(root)'],
    ['object for a list', { list: 'string' }, { a: 'x' }, 'TF_CODEC_TYPE_MISMATCH', '(root)'],
    ['map value of the wrong type', { map: 'number' }, { k: 'x' }, 'TF_CODEC_TYPE_MISMATCH', '["k"]'],
    ['dynamic slot without a DynamicValue', 'dynamic', 'x', 'TF_CODEC_TYPE_MISMATCH', '(root)'],
    ['DynamicValue whose value does not fit its type', { set: 'dynamic' }, [new DynamicValue('bool', 'yes')], 'TF_CODEC_TYPE_MISMATCH', '[0]'],
    ['hole in a list, not written as null', { list: 'string' }, [undefined] as unknown as TfValue, 'TF_CODEC_TYPE_MISMATCH', '[0]'],
  ];

  test.each(cases)('%s', (_name, type, value, code, path) => {
    const error = codecError(() => encodeMsgpack(value, type));
    expect(error.code).toBe(code);
    expect(formatPath(error.path)).toBe(path);
  });
});

describe('CodecError', () => {
  test('carries name, code, path steps and a message that starts with the path', () => {
    const error = codecError(() => decodeMsgpack(fromHex(`81 a6 ${ascii('groups')} 91 81 a2 ${ascii('id')} c3`), groups));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CodecError');
    expect(error.path).toEqual([{ attribute: 'groups' }, { index: 0 }, { attribute: 'id' }]);
    expect(error.message).toBe('groups[0].id: expected string, got msgpack bool');
  });

  test.each([
    ['root', [], '(root)'],
    ['map key with quotes', [{ attribute: 'tags' }, { key: 'a"b' }], 'tags["a\\"b"]'],
    ['index then attribute', [{ index: 2 }, { attribute: 'x' }], '[2].x'],
  ] as const)('formatPath: %s', (_name, path, text) => {
    expect(formatPath(path)).toBe(text);
  });
});
