import type { ObjectType, TfType } from '../bridge/tftypes/type.js';
import type { Block, Blocks, Attributes } from './schema.js';

/** The object type a body's values have: one attribute per attribute and per block (the protocol's implied type). */
export function bodyType(body: { readonly attributes: Attributes; readonly blocks: Blocks }): ObjectType {
  const object: Record<string, TfType> = {};
  for (const [name, attr] of Object.entries(body.attributes)) object[name] = attr.valueType.tfType;
  for (const [name, block] of Object.entries(body.blocks)) object[name] = blockType(block);
  return { object };
}

export function blockType(block: Block): TfType {
  const element = bodyType(block);
  return block.nesting === 'single' ? element : block.nesting === 'list' ? { list: element } : { set: element };
}
