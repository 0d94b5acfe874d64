/**
 * Between the raw values of the protocol and the models resources see. Models are plain data: at apply a
 * value not yet known is null; a result always carries every attribute (null where absent) and no
 * write-only value.
 */
import { DynamicValue, ExactNumber, isPlainObject, isUnknown, type TfObject, type TfValue } from '../bridge/tftypes/value.js';
import { mapValues } from '../../common/records.js';
import type { Attribute, Block } from './schema.js';
import { unknownAsNull } from './values.js';
import { nestedOf, type Body } from './walk.js';

export type Model = Readonly<Record<string, unknown>>;

/** The apply-time model of an object value: every attribute of the body, unknowns as null. */
export function toModel(body: Body, value: TfValue): Record<string, unknown> {
  const source = isPlainObject(value) ? value : {};
  const model: Record<string, unknown> = {};
  for (const name of [...Object.keys(body.attributes), ...Object.keys(body.blocks)]) model[name] = unknownAsNull(source[name] ?? null);
  return model;
}

/** A resource's model as the object value Terraform expects for the body. Throws when it holds a non-Terraform value. */
export function fromModel(body: Body, model: Model): TfObject {
  const value: Record<string, TfValue> = {};
  for (const [name, attr] of Object.entries(body.attributes)) value[name] = attr.writeOnly ? null : attributeValue(attr, model[name], name);
  for (const [name, block] of Object.entries(body.blocks)) value[name] = blockValue(block, model[name], name);
  return value;
}

/** One attribute's model value (a default, a plan modifier's or modifyPlan's result) as a raw value; UNKNOWN stays. */
export function attributeValue(attr: Attribute, value: unknown, where: string): TfValue {
  if (isUnknown(value)) return value;
  const nested = nestedOf(attr);
  return nested ? nestedFromModel(nested.nesting, nested.body, value, where) : toTfValue(value, where);
}

export function blockValue(block: Block, value: unknown, where: string): TfValue {
  if (isUnknown(value)) return value;
  const v = nestedFromModel(block.nesting, block, value, where);
  // A list or set block is never null: no block is the empty list.
  return v === null && block.nesting !== 'single' ? [] : v;
}

function nestedFromModel(nesting: string, body: Body, value: unknown, where: string): TfValue {
  if (value === null || value === undefined) return null;
  if (nesting === 'single') return fromModel(body, asModel(value, where));
  if (nesting === 'map') return mapValues(asModel(value, where), (element) => fromModel(body, asModel(element, where)));
  if (!Array.isArray(value)) throw notATerraformValue(where);
  return value.map((element: unknown) => fromModel(body, asModel(element, where)));
}

function asModel(value: unknown, where: string): Model {
  if (isPlainObject(value)) return value;
  throw notATerraformValue(where);
}

/** Checks that a model value is Terraform data (undefined counts as null). */
function toTfValue(value: unknown, where: string): TfValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return value;
  if (value instanceof ExactNumber || value instanceof DynamicValue || isUnknown(value)) return value;
  if (Array.isArray(value)) return value.map((v: unknown) => toTfValue(v, where));
  if (isPlainObject(value)) return mapValues(value, (v) => toTfValue(v, where));
  throw notATerraformValue(where);
}

const notATerraformValue = (where: string) => new Error(`provider bug: the value of ${where} is not Terraform data`);
