import { ExactNumber, UNKNOWN } from '../../../provider/bridge/tftypes/value.js';
import { formatPath } from '../../../provider/bridge/tftypes/path.js';
import { mapValues } from '../../../common/records.js';
import {
  AttributePath,
  computed,
  defineSchema,
  isKnown,
  listBlock,
  nestedMap,
  nestedSingle,
  optional,
  required,
  stringType,
} from '../../../provider/framework/index.js';
import { fromModel, toModel } from '../../../provider/framework/conversion.js';
import { decodePrivate, encodePrivate } from '../../../provider/framework/private-state.js';
import { parseRawState } from '../../../provider/framework/raw-state.js';
import { collapseUnknown, unknownAsNull } from '../../../provider/framework/values.js';

describe('AttributePath and formatPath', () => {
  test.each<[string, AttributePath, string]>([
    ['an attribute', AttributePath.root('name'), 'name'],
    ['a map key, quoted as JSON', AttributePath.root('permissions').atMapKey('FLOW "x"'), 'permissions["FLOW \\"x\\""]'],
    ['a list element', AttributePath.root('groups').atListIndex(1).atName('id'), 'groups[1].id'],
    ['below a set element the path stops at the set', AttributePath.root('tags').atSetElement().atName('key').atMapKey('k'), 'tags'],
  ])('%s', (_name, path, text) => {
    expect(path.toString()).toBe(text);
  });

  test('the root of a value is (root)', () => {
    expect(formatPath([])).toBe('(root)');
  });

  test('mapValues keeps keys and maps values', () => {
    expect(mapValues({ a: 1, b: 2 }, (v) => v * 10)).toEqual({ a: 10, b: 20 });
  });
});

describe('planning values', () => {
  test.each([
    ['known', 'x', 'x', true],
    ['null', null, null, false],
    ['unknown', UNKNOWN, UNKNOWN, false],
    ['partly unknown counts as unknown', ['a', UNKNOWN], UNKNOWN, false],
  ])('%s', (_name, raw, collapsed, known) => {
    expect(collapseUnknown(raw)).toEqual(collapsed);
    expect(isKnown(collapseUnknown(raw))).toBe(known);
  });

  test('at apply, unknowns at any depth are null', () => {
    expect(unknownAsNull({ a: UNKNOWN, b: [UNKNOWN, 'x'], c: { d: UNKNOWN } })).toEqual({ a: null, b: [null, 'x'], c: { d: null } });
  });
});

describe('model conversion', () => {
  const schema = defineSchema({
    description: 'conversion',
    attributes: {
      id: computed(stringType, { description: 'id' }),
      pw: optional(stringType, { description: 'pw', writeOnly: true }),
      one: optional(nestedSingle({ a: optional(stringType, { description: 'a' }), b: optional(stringType, { description: 'b' }) }), { description: 'one' }),
      named: optional(nestedMap({ a: required(stringType, { description: 'a' }), b: optional(stringType, { description: 'b' }) }), { description: 'named' }),
    },
    blocks: { rule: listBlock({ description: 'rule', attributes: { port: optional(stringType, { description: 'p' }) } }) },
  });

  test('a model becomes a value with every attribute, nested ones included; write-only values and absent blocks normalised', () => {
    expect(fromModel(schema, { id: 'x', pw: 'secret', one: { a: 'A' }, named: { k: { a: 'A' } } })).toEqual({
      id: 'x',
      pw: null,
      one: { a: 'A', b: null },
      named: { k: { a: 'A', b: null } },
      rule: [],
    });
  });

  test('a value that is not Terraform data is refused, naming the attribute', () => {
    expect(() => fromModel(schema, { id: new Date() })).toThrow('provider bug: the value of id is not Terraform data');
    expect(() => fromModel(schema, { one: 'not an object' })).toThrow(/the value of one/);
  });

  test('a value becomes a model with unknowns as null', () => {
    expect(toModel(schema, { id: UNKNOWN, pw: 'p', one: null, named: null, rule: [{ port: UNKNOWN }] })).toEqual({ id: null, pw: 'p', one: null, named: null, rule: [{ port: null }] });
  });
});

describe('private state', () => {
  test.each<[string, Uint8Array, Record<string, unknown>]>([
    ['no bytes', new Uint8Array(), {}],
    ['a JSON object', Buffer.from('{"a":[1,"x"]}'), { a: [1, 'x'] }],
    ['bytes another provider wrote', Buffer.from('\x00\x01not json'), {}],
    ['JSON that is not an object', Buffer.from('[1,2]'), {}],
  ])('decodes %s', (_name, bytes, decoded) => {
    expect(decodePrivate(bytes)).toEqual(decoded);
  });

  test('an empty object (or one of only undefined keys) is stored as no bytes; anything else round-trips', () => {
    expect(encodePrivate({})).toEqual(new Uint8Array());
    expect(encodePrivate({ gone: undefined })).toEqual(new Uint8Array());
    expect(decodePrivate(encodePrivate({ before: ['t1', 't2'], n: 3 }))).toEqual({ before: ['t1', 't2'], n: 3 });
  });
});

describe('raw state for upgraders', () => {
  test('numbers stay exact, everything else is plain JSON', () => {
    expect(parseRawState(Buffer.from('{"small":1,"half":0.5,"big":12345678901234567890,"list":["a",null,true]}'))).toEqual({
      small: 1,
      half: 0.5,
      big: new ExactNumber('12345678901234567890'),
      list: ['a', null, true],
    });
  });

  test('a state that is not a JSON object is refused', () => {
    expect(() => parseRawState(Buffer.from('[1]'))).toThrow('not a JSON object');
  });
});
