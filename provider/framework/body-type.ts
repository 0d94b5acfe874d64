import type { ObjectType, TfType } from '../bridge/tftypes/type.js';
import type { Block, Blocks, Attributes } from './schema.js';

// Schemas are immutable and planning asks for their types on every call.
const cache = new WeakMap<object, ObjectType>();

/** The object type a body's values have: one attribute per attribute and per block (the protocol's implied type). */
export function bodyType(body: { readonly attributes: Attributes; readonly blocks: Blocks }): ObjectType {
  const cached = cache.get(body);
  if (cached) return cached;
  const object: Record<string, TfType> = {};
  for (const [name, attr] of Object.entries(body.attributes)) object[name] = attr.valueType.tfType;
  for (const [name, block] of Object.entries(body.blocks)) object[name] = blockType(block);
  const type = { object };
  cache.set(body, type);
  return type;
}

export function blockType(block: Block): TfType {
  const element = bodyType(block);
  return block.nesting === 'single' ? element : block.nesting === 'list' ? { list: element } : { set: element };
}
