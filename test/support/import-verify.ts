/**
 * The import-verify step of an acceptance test: the object behind a resource of an applied workspace is
 * imported into a fresh directory with an `import {}` block and `terraform plan -generate-config-out`, as a
 * user adopting existing objects does. It holds when the generated configuration passes `terraform validate`,
 * the plan imports the object and changes nothing (no add, change or destroy), and the imported state equals
 * the source's (but for `ignore`d attributes). Anything else fails with exactly what differs. Several resources
 * of one workspace can be verified at once, in one import directory (`verifyImports`).
 */
import type { TerraformWorkspace } from './terraform.js';

export interface ImportVerifyOptions {
  /** The `terraform {}` and `provider` blocks of the import directory: the configuration without its resources. */
  providerConfig: string;
  /** The import ID; by default the resource's `id` in the source state. */
  id?: string | ((values: Record<string, unknown>) => string);
  /** Top-level attributes whose imported value may differ from the source's (a secret that cannot be imported). */
  ignore?: readonly string[];
}

export interface ImportVerified {
  /** The import directory, with the import applied; its objects stay owned by the source workspace. */
  workspace: TerraformWorkspace;
  /** The imported resource's attributes, from the import directory's state. */
  values: Record<string, unknown>;
  /** The configuration terraform generated for it. */
  generatedConfig: string;
}

/** One resource of an import-verify of several: its address, and the id and ignored attributes of ImportVerifyOptions. */
export interface ImportTarget {
  address: string;
  id?: ImportVerifyOptions['id'];
  ignore?: readonly string[];
}

export interface ImportsVerified {
  workspace: TerraformWorkspace;
  /** Each imported resource's attributes, by address. */
  values: Record<string, Record<string, unknown>>;
  generatedConfig: string;
}

export interface PlannedChange {
  address: string;
  change: { actions: string[]; before: unknown; after: unknown; importing?: { id: string }; replace_paths?: unknown[][] };
}

export async function verifyImport(source: TerraformWorkspace, address: string, options: ImportVerifyOptions): Promise<ImportVerified> {
  const target: ImportTarget = { address, ...(options.id !== undefined ? { id: options.id } : {}), ...(options.ignore ? { ignore: options.ignore } : {}) };
  const verified = await verifyImports(source, [target], { providerConfig: options.providerConfig });
  return { workspace: verified.workspace, values: verified.values[address] ?? {}, generatedConfig: verified.generatedConfig };
}

/** The import-verify step for several resources of one workspace at once: one import directory, one generated file. */
export async function verifyImports(source: TerraformWorkspace, targets: readonly ImportTarget[], options: { providerConfig: string }): Promise<ImportsVerified> {
  const sourceState = await source.state();
  const imports = targets.map((target) => {
    const values = sourceState[target.address];
    if (values === undefined) throw new Error(`import-verify: ${target.address} is not in the source workspace's state`);
    const id = typeof target.id === 'function' ? target.id(values) : (target.id ?? String(values.id));
    return { ...target, id, sourceValues: values };
  });

  const workspace = source.sibling();
  workspace.disown();
  workspace.writeConfig(options.providerConfig);
  workspace.writeConfig(imports.map(({ address, id }) => `import {\n  to = ${address}\n  id = ${hclString(id)}\n}\n`).join('\n'), 'import.tf');

  const where = `import-verify of ${imports.map(({ address, id }) => `${address} (id ${JSON.stringify(id)})`).join(', ')}`;
  const plan = await workspace.run(['plan', '-no-color', '-generate-config-out=generated.tf', '-out=tfplan']);
  const generatedConfig = workspace.hasFile('generated.tf') ? workspace.readFile('generated.tf') : '';
  if (plan.code !== 0) throw new Error(`${where}: the plan failed\n${plan.stderr}\n--- generated.tf\n${generatedConfig}`);

  const validate = await workspace.run(['validate', '-no-color']);
  if (validate.code !== 0) throw new Error(`${where}: the generated configuration does not validate\n${validate.stderr}\n--- generated.tf\n${generatedConfig}`);

  const shown = JSON.parse((await workspace.expect(['show', '-json', '-no-color', 'tfplan'])).stdout) as {
    resource_changes?: PlannedChange[];
    output_changes?: Record<string, { actions: string[] }>;
  };
  const planProblems = unexpectedChanges(
    imports.map((i) => i.address),
    shown.resource_changes ?? [],
  );
  if (planProblems.length > 0) throw new Error(`${where}: the plan is not an import without changes:\n${planProblems.join('\n')}\n--- generated.tf\n${generatedConfig}`);

  await workspace.expect(['apply', '-no-color', 'tfplan']);
  const importedState = await workspace.state();
  for (const { address, ignore, sourceValues } of imports) {
    const values = importedState[address];
    if (values === undefined) throw new Error(`${where}: the import was applied, but ${address} is not in the state`);
    const ignored = new Set(ignore ?? []);
    const stateDifferences = differences(
      Object.fromEntries(Object.entries(sourceValues).filter(([name]) => !ignored.has(name))),
      Object.fromEntries(Object.entries(values).filter(([name]) => !ignored.has(name))),
    );
    if (stateDifferences.length > 0) {
      throw new Error(`${where}: the imported state of ${address} differs from the source's (source → imported):\n${stateDifferences.join('\n')}`);
    }
  }
  await workspace.expectEmptyPlans();
  return { workspace, values: Object.fromEntries(imports.map(({ address }) => [address, importedState[address] ?? {}])), generatedConfig };
}

/** What in the plan is anything but the import of the `addresses` with no change, one line per attribute that would change. */
export function unexpectedChanges(addresses: string | readonly string[], changes: readonly PlannedChange[]): string[] {
  const problems: string[] = [];
  for (const address of typeof addresses === 'string' ? [addresses] : addresses) {
    if (!changes.some((c) => c.address === address && c.change.importing !== undefined)) problems.push(`  ${address}: not imported`);
  }
  for (const { address: changed, change } of changes) {
    if (change.actions.length === 1 && change.actions[0] === 'no-op') continue;
    problems.push(`  ${changed}: ${change.actions.join(', ')}`);
    for (const line of differences(change.before ?? null, change.after ?? null)) problems.push(`  ${line}`);
    for (const path of change.replace_paths ?? []) problems.push(`    forces replacement: ${path.join('.')}`);
  }
  return problems;
}

/** Attribute paths whose values differ, as "  path: before → after" lines. */
export function differences(before: unknown, after: unknown, path = ''): string[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => differences(before[key] ?? null, after[key] ?? null, path ? `${path}.${key}` : key));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((item, i) => differences(item, after[i], `${path}[${i}]`));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [`  ${path || '(the value)'}: ${JSON.stringify(before)} → ${JSON.stringify(after)}`];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A quoted HCL string: JSON escapes, plus the template sequences HCL would otherwise interpret. */
function hclString(text: string): string {
  return JSON.stringify(text)
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');
}
