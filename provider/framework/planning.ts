import { isUnknown, UNKNOWN, type TfObject, type TfValue } from '../bridge/tftypes/value.js';
import type { Diagnostics } from './diagnostics.js';
import { AttributePath } from './path.js';
import type { AnyResource } from './resource.js';
import { objectTypeOf, type Schema } from './schema.js';
import { valuesEqual } from './value-equality.js';

export interface PlanResult {
  planned: TfObject | null;
  requiresReplace: AttributePath[];
}

/**
 * Plans a create or update within Terraform's rules: non-computed attributes keep their configured value,
 * a computed attribute with no configured value is unknown only when it may change (on create, or when
 * the resource changes and no plan modifier keeps the prior value), write-only attributes are null.
 * The same inputs always give the same plan, which Terraform checks again at apply.
 */
export async function planResourceChange<C>(
  resource: AnyResource<C>,
  req: { prior: TfObject | null; proposed: TfObject | null; config: TfObject | null },
  diagnostics: Diagnostics,
  client: C | undefined,
): Promise<PlanResult> {
  if (req.proposed === null || req.config === null) return { planned: null, requiresReplace: [] };
  const { schema } = resource;
  const { prior, config } = req;
  const planned: Record<string, TfValue> = { ...req.proposed };

  applyDefaultsAndWriteOnly(schema, config, planned);
  const flagged: AttributePath[] = [];
  // Modifiers first settle values (e.g. an equal duration written differently keeps its prior spelling);
  // only then is it known whether the resource changes, which makes its computed values unknown.
  runPlanModifiers(schema, config, prior, planned, flagged);
  if (prior === null || !valuesEqual(planned, prior, objectTypeOf(schema))) {
    markComputedUnknown(schema, config, planned);
    runPlanModifiers(schema, config, prior, planned, flagged);
  }
  await resource.modifyPlan?.({ plan: planned, state: prior, config, requiresReplace: (p) => flagged.push(p), diagnostics, client });

  const requiresReplace = prior === null ? [] : flagged.filter((p) => attributeChanged(schema, p, prior, planned));
  return { planned, requiresReplace: dedupe(requiresReplace) };
}

function runPlanModifiers(schema: Schema, config: TfObject, prior: TfObject | null, planned: Record<string, TfValue>, flagged: AttributePath[]): void {
  for (const [name, attr] of Object.entries(schema.attributes)) {
    const path = AttributePath.root(name);
    for (const modifier of attr.planModifiers ?? []) {
      const resp = { planValue: planned[name] ?? null, requiresReplace: false };
      modifier.modify({ path, configValue: config[name] ?? null, stateValue: prior?.[name] ?? null, planValue: resp.planValue, state: prior, config }, resp);
      planned[name] = resp.planValue;
      if (resp.requiresReplace) flagged.push(path);
    }
  }
}

function applyDefaultsAndWriteOnly(schema: Schema, config: TfObject, planned: Record<string, TfValue>): void {
  for (const [name, attr] of Object.entries(schema.attributes)) {
    if (attr.writeOnly) planned[name] = null;
    else if (attr.default !== undefined && (config[name] ?? null) === null) planned[name] = attr.default as TfValue;
  }
}

function markComputedUnknown(schema: Schema, config: TfObject, planned: Record<string, TfValue>): void {
  for (const [name, attr] of Object.entries(schema.attributes)) {
    const isComputed = attr.mode === 'computed' || attr.mode === 'optional_computed';
    if (isComputed && attr.default === undefined && (config[name] ?? null) === null) planned[name] = UNKNOWN;
  }
}

function attributeChanged(schema: Schema, path: AttributePath, prior: TfObject, planned: TfObject): boolean {
  const step = path.steps[0];
  if (!step || !('attribute' in step)) return true;
  const attr = schema.attributes[step.attribute];
  if (!attr) return false;
  const before = prior[step.attribute] ?? null;
  const after = planned[step.attribute] ?? null;
  return isUnknown(after) || !valuesEqual(before, after, attr.valueType.tfType);
}

function dedupe(paths: AttributePath[]): AttributePath[] {
  const seen = new Set<string>();
  return paths.filter((p) => !seen.has(p.toString()) && seen.add(p.toString()));
}
