import { createLogger } from '../../../provider/bridge/logging.js';
import { impliedType } from '../../../provider/bridge/protocol/provider-server.js';
import {
  boolType,
  computed,
  defineSchema,
  FrameworkServer,
  listBlock,
  nestedSet,
  optional,
  optionalComputed,
  required,
  setBlock,
  singleBlock,
  stringType,
} from '../../../provider/framework/index.js';
import { bodyType } from '../../../provider/framework/body-type.js';
import { toWireSchema } from '../../../provider/framework/wire-schema.js';
import { kestraProvider } from '../../../provider/kestra-provider.js';

const schema = defineSchema({
  description: 'wire',
  version: 3,
  deprecated: 'Use wire_v2.',
  attributes: {
    zeta: required(stringType, { description: 'last by name' }),
    alpha: optionalComputed(boolType, { description: 'first by name', default: false }),
    secret: optional(stringType, { description: 'write-only', writeOnly: true, sensitive: true }),
    old: optional(stringType, { description: 'old', deprecated: 'Use zeta.' }),
    items: computed(nestedSet({ id: computed(stringType, { description: 'id' }) }), { description: 'nested' }),
  },
  blocks: {
    rule: listBlock({ description: 'rules', minItems: 1, maxItems: 3, attributes: { port: required(stringType, { description: 'port' }) } }),
    owner: singleBlock({ description: 'owner', attributes: { email: optional(stringType, { description: 'email' }) }, blocks: { tag: setBlock({ description: 'tags', attributes: {} }) } }),
  },
});

describe('toWireSchema', () => {
  const wire = toWireSchema(schema);

  test('attributes carry their mode as the three protocol flags, sorted by name', () => {
    expect(wire.block.attributes.map((a) => [a.name, a.required, a.optional, a.computed])).toEqual([
      ['alpha', false, true, true],
      ['items', false, false, true],
      ['old', false, true, false],
      ['secret', false, true, false],
      ['zeta', true, false, false],
    ]);
  });

  test('sensitive, write-only and deprecated flags, and the schema version', () => {
    const byName = Object.fromEntries(wire.block.attributes.map((a) => [a.name, a]));
    expect(byName.secret).toMatchObject({ sensitive: true, writeOnly: true, deprecated: false });
    expect(byName.old).toMatchObject({ deprecated: true });
    expect(wire.version).toBe(3);
    expect(wire.block.deprecated).toBe(true);
  });

  test('nested attributes carry their nesting and attributes, not a type', () => {
    const items = wire.block.attributes.find((a) => a.name === 'items');
    expect(items?.type).toBeUndefined();
    expect(items?.nestedType).toMatchObject({ nesting: 'set', attributes: [{ name: 'id', computed: true }] });
  });

  test('blocks carry their nesting and bounds, and nest', () => {
    expect(wire.block.blockTypes.map((b) => [b.typeName, b.nesting, b.minItems, b.maxItems])).toEqual([
      ['owner', 'single', 0, 0],
      ['rule', 'list', 1, 3],
    ]);
    expect(wire.block.blockTypes[0]?.block.blockTypes.map((b) => [b.typeName, b.nesting])).toEqual([['tag', 'set']]);
  });

  test('the value type the framework plans with is the type the protocol implies', () => {
    expect(bodyType(schema)).toEqual(impliedType(wire.block));
  });

  test('so it is for every schema of the Kestra provider', () => {
    const provider = kestraProvider(createLogger({ level: 'off' }));
    const schemas = new FrameworkServer(provider).schemas();
    for (const [kind, definitions] of [['resources', provider.resources], ['dataSources', provider.dataSources], ['ephemeralResources', provider.ephemeralResources]] as const) {
      for (const definition of definitions) expect(bodyType(definition.schema)).toEqual(impliedType(schemas[kind][definition.typeName]!.block));
    }
  });
});
