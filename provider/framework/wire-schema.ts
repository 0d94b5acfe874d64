import { compareUtf8 } from '../../common/compare-text.js';
import type { WireAttribute, WireBlock, WireSchema } from '../bridge/protocol/provider-server.js';
import type { Attributes, Block, Blocks, Schema } from './schema.js';
import { isNested } from './value-types.js';

/** The schema as the protocol carries it; attributes and blocks sorted by name so the output is stable. */
export function toWireSchema(schema: Schema): WireSchema {
  return { version: schema.version, block: wireBlock(schema) };
}

function wireBlock(body: { description: string; deprecated?: string; attributes: Attributes; blocks: Blocks }): WireBlock {
  return {
    attributes: wireAttributes(body.attributes),
    blockTypes: byName(body.blocks).map(([typeName, block]) => wireNestedBlock(typeName, block)),
    description: body.description,
    deprecated: body.deprecated !== undefined,
  };
}

function wireNestedBlock(typeName: string, block: Block): WireBlock['blockTypes'][number] {
  return { typeName, block: wireBlock(block), nesting: block.nesting, minItems: block.minItems, maxItems: block.maxItems };
}

function wireAttributes(attributes: Attributes): WireAttribute[] {
  return byName(attributes).map(([name, attr]) => ({
    name,
    ...(isNested(attr.valueType)
      ? { nestedType: { attributes: wireAttributes(attr.valueType.attributes), nesting: attr.valueType.nesting } }
      : { type: attr.valueType.tfType }),
    description: attr.description,
    required: attr.mode === 'required',
    optional: attr.mode === 'optional' || attr.mode === 'optional_computed',
    computed: attr.mode === 'computed' || attr.mode === 'optional_computed',
    sensitive: attr.sensitive,
    writeOnly: attr.writeOnly,
    deprecated: attr.deprecated !== undefined,
  }));
}

function byName<V>(record: Readonly<Record<string, V>>): [string, V][] {
  return Object.entries(record).sort(([a], [b]) => compareUtf8(a, b));
}
