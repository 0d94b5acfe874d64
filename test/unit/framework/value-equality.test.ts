import type { TfType } from '../../../provider/bridge/tftypes/type.js';
import { DynamicValue, ExactNumber, UNKNOWN, type TfValue } from '../../../provider/bridge/tftypes/value.js';
import { valuesEqual } from '../../../provider/framework/value-equality.js';

const person: TfType = { object: { name: 'string', tags: { set: 'string' } } };

describe('valuesEqual', () => {
  test.each<[string, TfValue, TfValue, TfType, boolean]>([
    ['equal strings', 'a', 'a', 'string', true],
    ['different strings', 'a', 'b', 'string', false],
    ['null equals only null', null, null, 'string', true],
    ['null is not the empty string', null, '', 'string', false],
    ['unknown equals only unknown', UNKNOWN, UNKNOWN, 'string', true],
    ['unknown is not a known value', UNKNOWN, 'a', 'string', false],
    ['numbers by value: a float and the same exact number', 0.5, new ExactNumber('0.5'), 'number', true],
    ['big exact numbers', new ExactNumber('12345678901234567890'), new ExactNumber('12345678901234567891'), 'number', false],
    ['sets ignore order', ['a', 'b'], ['b', 'a'], { set: 'string' }, true],
    ['sets of different elements', ['a', 'b'], ['a', 'c'], { set: 'string' }, false],
    ['sets of different sizes', ['a'], ['a', 'a'], { set: 'string' }, false],
    ['lists keep order', ['a', 'b'], ['b', 'a'], { list: 'string' }, false],
    ['lists of different lengths', ['a'], ['a', 'b'], { list: 'string' }, false],
    ['tuples element by element', ['a', 1], ['a', 1], { tuple: ['string', 'number'] }, true],
    ['maps ignore key order', { x: 'a', y: 'b' }, { y: 'b', x: 'a' }, { map: 'string' }, true],
    ['maps with another key', { x: 'a' }, { y: 'a' }, { map: 'string' }, false],
    ['objects attribute by attribute, nested sets ignoring order', { name: 'n', tags: ['a', 'b'] }, { name: 'n', tags: ['b', 'a'] }, person, true],
    ['objects with a different attribute', { name: 'n', tags: null }, { name: 'm', tags: null }, person, false],
    ['sets of objects ignore key order inside elements', [{ a: 1, b: 2 }], [{ b: 2, a: 1 }], { set: { object: { a: 'number', b: 'number' } } }, true],
    ['dynamic values by type and value', new DynamicValue('string', 'x'), new DynamicValue('string', 'x'), 'dynamic', true],
    ['dynamic values of different types', new DynamicValue('string', 'x'), new DynamicValue({ list: 'string' }, ['x']), 'dynamic', false],
    ['a list where a map is expected is not equal', ['a'], { a: 'a' }, { map: 'string' }, false],
  ])('%s', (_name, a, b, type, equal) => {
    expect(valuesEqual(a, b, type)).toBe(equal);
    expect(valuesEqual(b, a, type)).toBe(equal);
  });
});
