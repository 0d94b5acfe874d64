/**
 * Walking a schema and a value together, at any depth: the attributes of a body, the objects a nested
 * attribute or block holds, and the element of another value (configuration, prior state) that corresponds to
 * each of them. Validation, planning and state conversion are built on it.
 */
import type { NestingMode } from '../bridge/protocol/provider-server.js';
import { isPlainObject, type TfObject, type TfValue } from '../bridge/tftypes/value.js';
import { blockType } from './body-type.js';
import { AttributePath } from './path.js';
import type { Attribute, Attributes, BlockNesting, Blocks } from './schema.js';
import { valuesEqual } from './value-equality.js';
import { isNested } from './value-types.js';

/** What a schema, a block and the object of a nested attribute have in common. */
export interface Body {
  readonly attributes: Attributes;
  readonly blocks: Blocks;
}

/** Objects held by an attribute or block: their body, and how they repeat. */
export interface Nested {
  readonly body: Body;
  readonly nesting: NestingMode | BlockNesting;
}

const NO_BLOCKS: Blocks = {};

export function nestedOf(attribute: Attribute): Nested | undefined {
  const type = attribute.valueType;
  return isNested(type) ? { body: { attributes: type.attributes, blocks: NO_BLOCKS }, nesting: type.nesting } : undefined;
}

export const pathOf = (parent: AttributePath | undefined, name: string): AttributePath => (parent ? parent.atName(name) : AttributePath.root(name));

export interface Element {
  readonly value: TfObject;
  readonly path: AttributePath;
  /** Index in a list or set, key in a map; unused for single nesting. */
  readonly key: number | string;
}

/** The objects a nested value holds (none when it is null or unknown; unknown elements are skipped). */
export function elementsOf(nesting: Nested['nesting'], value: TfValue, path: AttributePath): Element[] {
  if (nesting === 'single') return isPlainObject(value) ? [{ value, path, key: 0 }] : [];
  if (nesting === 'map') {
    return isPlainObject(value)
      ? Object.entries(value).flatMap(([key, v]) => (isPlainObject(v) ? [{ value: v, path: path.atMapKey(key), key }] : []))
      : [];
  }
  if (!Array.isArray(value)) return [];
  return value.flatMap((v, index) =>
    isPlainObject(v) ? [{ value: v, path: nesting === 'set' ? path.atSetElement() : path.atListIndex(index), key: index }] : [],
  );
}

/** The nested value with each element object replaced by `fn(element)`; null and unknown stay as they are. */
export function mapElements(nesting: Nested['nesting'], value: TfValue, path: AttributePath, fn: (element: Element) => TfObject): TfValue {
  if (nesting === 'single') return isPlainObject(value) ? fn({ value, path, key: 0 }) : value;
  const replaced = new Map(elementsOf(nesting, value, path).map((e) => [e.key, fn(e)]));
  if (nesting === 'map') return isPlainObject(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaced.get(k) ?? v])) : value;
  return Array.isArray(value) ? value.map((v, i) => replaced.get(i) ?? v) : value;
}

/**
 * The object of `other` that corresponds to `element`: the same index or key, or, in a set (which has no
 * order), the element whose configurable values are equal. Null when there is none.
 */
export function counterpart(nested: Nested, other: TfValue | undefined, element: Element): TfObject | null {
  if (other === undefined || other === null) return null;
  if (nested.nesting === 'single') return isPlainObject(other) ? other : null;
  if (nested.nesting === 'set') {
    return Array.isArray(other) ? (other.find((o): o is TfObject => isPlainObject(o) && sameConfiguredValues(nested.body, o, element.value)) ?? null) : null;
  }
  const found = Array.isArray(other) && typeof element.key === 'number' ? other[element.key] : isPlainObject(other) ? other[element.key] : undefined;
  return isPlainObject(found) ? found : null;
}

/** Equal in every value a configuration sets: required and optional attributes, and blocks. */
function sameConfiguredValues(body: Body, a: TfObject, b: TfObject): boolean {
  const attributes = Object.entries(body.attributes).filter(([, attr]) => attr.mode === 'required' || attr.mode === 'optional');
  return (
    attributes.every(([name, attr]) => valuesEqual(a[name] ?? null, b[name] ?? null, attr.valueType.tfType)) &&
    Object.entries(body.blocks).every(([name, block]) => valuesEqual(a[name] ?? null, b[name] ?? null, blockType(block)))
  );
}
