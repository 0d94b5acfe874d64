import type { Logger } from '../bridge/logging.js';
import type { PathStep } from '../bridge/tftypes/path.js';
import { isList, isMap, isObject, isTuple, type TfType } from '../bridge/tftypes/type.js';
import { isPlainObject, isUnknown, isWhollyKnown, UNKNOWN, type TfObject, type TfValue } from '../bridge/tftypes/value.js';
import { bodyType } from './body-type.js';
import { attributeValue, blockValue, toModel } from './conversion.js';
import type { Diagnostics } from './diagnostics.js';
import { AttributePath } from './path.js';
import type { PlanModifyResponse } from './plan-modifier.js';
import type { PrivateOf, JsonObject } from './private-state.js';
import type { AnyResource } from './resource.js';
import type { Attribute, Schema } from './schema.js';
import { collapseUnknown } from './values.js';
import { valuesEqual } from './value-equality.js';
import { counterpart, mapElements, nestedOf, pathOf, type Body } from './walk.js';

export interface PlanResult {
  planned: TfObject | null;
  requiresReplace: AttributePath[];
}

/**
 * Plans a create or update within Terraform's rules, at every depth of nested attributes and blocks:
 * non-computed attributes keep their configured value; defaults fill null configured values; write-only
 * values are null; a computed attribute with no configured value is unknown only when it may change (on
 * create, or when the resource changes and no plan modifier keeps the prior value); a configured value that
 * means what the prior state holds (its type's semantic equality) keeps the stored spelling. The same inputs
 * always give the same plan, which Terraform checks again at apply.
 */
export function planAttributes(
  schema: Schema,
  req: { prior: TfObject | null; proposed: TfObject; config: TfObject; imported?: boolean },
): { planned: TfObject; flagged: AttributePath[] } {
  const context: SettleContext = { creating: req.prior === null, imported: req.imported ?? false, flagged: [] };
  // Modifiers first settle values (e.g. an equal duration written differently keeps its prior spelling);
  // only then is it known whether the resource changes, which makes its computed values unknown.
  let planned = settle(schema, req.config, req.prior, req.proposed, undefined, context);
  if (req.prior === null || !valuesEqual(planned, req.prior, bodyType(schema))) {
    planned = markComputedUnknown(schema, req.config, planned, undefined);
    planned = settle(schema, req.config, req.prior, planned, undefined, context);
  }
  return { planned, flagged: context.flagged };
}

/** What every attribute's planning shares: whether the resource is created or was just imported, and the replacements flagged. */
interface SettleContext {
  readonly creating: boolean;
  readonly imported: boolean;
  readonly flagged: AttributePath[];
}

/** planAttributes, then the resource's own modifyPlan; the replacements reported are those whose value changes. */
export async function planResourceChange<C>(
  resource: AnyResource<C>,
  req: { prior: TfObject | null; proposed: TfObject | null; config: TfObject | null; imported?: boolean },
  call: { diagnostics: Diagnostics; client: C | undefined; logger: Logger; private: PrivateOf<JsonObject> },
): Promise<PlanResult> {
  if (req.proposed === null || req.config === null) return { planned: null, requiresReplace: [] };
  const { schema } = resource;
  const { prior, config } = req;
  const { planned, flagged } = planAttributes(schema, { prior, proposed: req.proposed, config, imported: req.imported ?? false });
  const final = resource.modifyPlan ? await runModifyPlan(resource, { prior, config, planned, flagged }, call) : planned;
  const requiresReplace = prior === null ? [] : flagged.filter((p) => valueChanged(bodyType(schema), p.steps, prior, final));
  return { planned: final, requiresReplace: dedupe(requiresReplace) };
}

async function runModifyPlan<C>(
  resource: AnyResource<C>,
  req: { prior: TfObject | null; config: TfObject; planned: TfObject; flagged: AttributePath[] },
  call: { diagnostics: Diagnostics; client: C | undefined; logger: Logger; private: PrivateOf<JsonObject> },
): Promise<TfObject> {
  const { schema } = resource;
  const view: Record<string, unknown> = Object.fromEntries(Object.entries(req.planned).map(([name, value]) => [name, collapseUnknown(value)]));
  const shown = { ...view };
  await resource.modifyPlan?.({
    state: req.prior === null ? null : toModel(schema, req.prior),
    config: Object.fromEntries(Object.entries(req.config).map(([name, value]) => [name, collapseUnknown(value)])),
    plan: view,
    requiresReplace: (attribute) => req.flagged.push(typeof attribute === 'string' ? AttributePath.root(attribute) : attribute),
    ...call,
  });
  // Only what modifyPlan assigned replaces the plan: a partly unknown value it left alone keeps its known parts.
  const result: Record<string, TfValue> = { ...req.planned };
  for (const [name, value] of Object.entries(view)) {
    if (value === shown[name]) continue;
    const attr = schema.attributes[name];
    const block = schema.blocks[name];
    if (attr) result[name] = attributeValue(attr, value, name);
    else if (block) result[name] = blockValue(block, value, name);
  }
  return result;
}

/** Write-only values null, defaults, semantic equality, then each attribute's plan modifiers; nested objects after their attribute. */
function settle(body: Body, config: TfObject, prior: TfObject | null, planned: TfObject, parent: AttributePath | undefined, context: SettleContext): TfObject {
  const result: Record<string, TfValue> = { ...planned };
  for (const [name, attr] of Object.entries(body.attributes)) {
    const path = pathOf(parent, name);
    const configValue = config[name] ?? null;
    const priorValue = prior?.[name] ?? null;
    if (attr.writeOnly) {
      result[name] = null;
      continue;
    }
    let value = attr.default !== undefined && configValue === null ? attributeValue(attr, attr.default, path.toString()) : (result[name] ?? null);
    if (meansTheSame(attr, configValue, priorValue)) value = priorValue;
    value = runPlanModifiers(attr, path, { config: configValue, state: priorValue }, value, context);
    const nested = nestedOf(attr);
    if (nested) {
      value = mapElements(nested.nesting, value, path, (element) =>
        settle(nested.body, counterpart(nested, configValue, element) ?? {}, counterpart(nested, priorValue, element), element.value, element.path, context),
      );
    }
    result[name] = value;
  }
  for (const [name, block] of Object.entries(body.blocks)) {
    const nested = { body: block, nesting: block.nesting };
    result[name] = mapElements(block.nesting, result[name] ?? null, pathOf(parent, name), (element) =>
      settle(block, counterpart(nested, config[name], element) ?? {}, counterpart(nested, prior?.[name], element), element.value, element.path, context),
    );
  }
  return result;
}

/** A known configured value the attribute's type holds equal in meaning to the (different) prior value. */
function meansTheSame(attr: Attribute, config: TfValue, prior: TfValue): boolean {
  const equals = attr.valueType.semanticEquals;
  if (equals === undefined || config === null || prior === null || !isWhollyKnown(config) || config === prior) return false;
  return equals(config, prior);
}

function runPlanModifiers(attr: Attribute, path: AttributePath, req: { config: TfValue; state: TfValue }, planned: TfValue, context: SettleContext): TfValue {
  let value = planned;
  for (const modifier of attr.planModifiers) {
    const resp: PlanModifyResponse<unknown> = { plan: collapseUnknown(value), requiresReplace: false };
    const shown = resp.plan;
    modifier.modify({ path, config: collapseUnknown(req.config), state: req.state, creating: context.creating, imported: context.imported }, resp);
    if (resp.plan !== shown) value = attributeValue(attr, resp.plan, path.toString());
    if (resp.requiresReplace) context.flagged.push(path);
  }
  return value;
}

/** Computed attributes the configuration leaves null become unknown, in nested objects and blocks too. */
function markComputedUnknown(body: Body, config: TfObject, planned: TfObject, parent: AttributePath | undefined): TfObject {
  const result: Record<string, TfValue> = { ...planned };
  for (const [name, attr] of Object.entries(body.attributes)) {
    const path = pathOf(parent, name);
    const configValue = config[name] ?? null;
    const isComputed = attr.mode === 'computed' || attr.mode === 'optional_computed';
    if (isComputed && attr.default === undefined && configValue === null) {
      result[name] = UNKNOWN;
      continue;
    }
    const nested = nestedOf(attr);
    if (nested) {
      result[name] = mapElements(nested.nesting, result[name] ?? null, path, (element) =>
        markComputedUnknown(nested.body, counterpart(nested, configValue, element) ?? {}, element.value, element.path),
      );
    }
  }
  for (const [name, block] of Object.entries(body.blocks)) {
    const nested = { body: block, nesting: block.nesting };
    result[name] = mapElements(block.nesting, result[name] ?? null, pathOf(parent, name), (element) =>
      markComputedUnknown(block, counterpart(nested, config[name], element) ?? {}, element.value, element.path),
    );
  }
  return result;
}

/** Whether the value at `steps` differs between prior and planned (a path the schema does not have never does). */
function valueChanged(type: TfType, steps: readonly PathStep[], prior: TfValue, planned: TfValue): boolean {
  const at = typeAt(type, steps);
  if (at === undefined) return false;
  const after = valueAt(planned, steps);
  return isUnknown(after) || !valuesEqual(valueAt(prior, steps), after, at);
}

function valueAt(value: TfValue, steps: readonly PathStep[]): TfValue {
  let current: TfValue = value;
  for (const step of steps) {
    if (isUnknown(current)) return current;
    if ('index' in step) current = Array.isArray(current) ? (current[step.index] ?? null) : null;
    else current = isPlainObject(current) ? (current['attribute' in step ? step.attribute : step.key] ?? null) : null;
  }
  return current;
}

function typeAt(type: TfType, steps: readonly PathStep[]): TfType | undefined {
  let current: TfType | undefined = type;
  for (const step of steps) {
    if (current === undefined) return undefined;
    if ('attribute' in step) current = isObject(current) ? current.object[step.attribute] : undefined;
    else if ('key' in step) current = isMap(current) ? current.map : undefined;
    else current = isList(current) ? current.list : isTuple(current) ? current.tuple[step.index] : undefined;
  }
  return current;
}

function dedupe(paths: AttributePath[]): AttributePath[] {
  const seen = new Set<string>();
  return paths.filter((p) => !seen.has(p.toString()) && seen.add(p.toString()));
}
