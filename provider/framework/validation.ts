import { isUnknown, isWhollyKnown, type TfObject } from '../bridge/tftypes/value.js';
import { Diagnostics } from './diagnostics.js';
import type { PlanningConfigOf } from './model.js';
import type { AttributePath } from './path.js';
import type { Schema } from './schema.js';
import type { ConfigValidator } from './validator.js';
import { collapseUnknown } from './values.js';
import { elementsOf, nestedOf, pathOf, type Body } from './walk.js';

/**
 * Checks a configuration at any depth: configured values of read-only attributes are refused, deprecated
 * attributes and blocks warn, attribute validators run on known non-null values; then the configuration-wide
 * validators run on the planning view (values may be unknown).
 */
export function validateConfig(
  schema: Schema,
  configValidators: readonly ConfigValidator<PlanningConfigOf<Schema>>[] | undefined,
  config: TfObject,
): Diagnostics {
  const diagnostics = new Diagnostics();
  validateBody(schema, config, undefined, diagnostics);
  const view = Object.fromEntries(Object.entries(config).map(([name, value]) => [name, collapseUnknown(value)]));
  for (const validator of configValidators ?? []) validator.validate(view, diagnostics);
  return diagnostics;
}

function validateBody(body: Body, config: TfObject, parent: AttributePath | undefined, diagnostics: Diagnostics): void {
  for (const [name, attr] of Object.entries(body.attributes)) {
    const path = pathOf(parent, name);
    const value = config[name] ?? null;
    if (value === null) continue;
    // Terraform core accepts a value for a computed-only attribute; refusing it is the provider's job.
    if (attr.mode === 'computed') {
      diagnostics.addAttributeError(
        path,
        'Invalid configuration for read-only attribute',
        `${path} is set by the provider and cannot be configured; remove it from the configuration.`,
      );
      continue;
    }
    if (attr.deprecated !== undefined) diagnostics.addAttributeWarning(path, 'Argument is deprecated', attr.deprecated);
    if (isWhollyKnown(value)) for (const validator of attr.validators) validator.validate({ path, value }, diagnostics);
    const nested = nestedOf(attr);
    if (nested) for (const element of elementsOf(nested.nesting, value, path)) validateBody(nested.body, element.value, element.path, diagnostics);
  }
  for (const [name, block] of Object.entries(body.blocks)) {
    const path = pathOf(parent, name);
    const elements = elementsOf(block.nesting, config[name] ?? null, path);
    if (block.deprecated !== undefined && (elements.length > 0 || isUnknown(config[name]))) {
      diagnostics.addAttributeWarning(path, 'Block is deprecated', block.deprecated);
    }
    for (const element of elements) validateBody(block, element.value, element.path, diagnostics);
  }
}

/** Terraform older than 1.11 would store write-only values in state; refuse them there, as HashiCorp's SDKs do. */
export function rejectWriteOnlyWithoutSupport(body: Body, config: TfObject, diagnostics: Diagnostics, parent?: AttributePath): void {
  for (const [name, attr] of Object.entries(body.attributes)) {
    const path = pathOf(parent, name);
    const value = config[name] ?? null;
    if (attr.writeOnly && value !== null) {
      diagnostics.addAttributeError(
        path,
        'Write-only attribute not supported',
        `${path} is write-only, and write-only attributes need Terraform 1.11 or later. Upgrade Terraform or remove ${path}.`,
      );
    }
    const nested = nestedOf(attr);
    if (nested) for (const e of elementsOf(nested.nesting, value, path)) rejectWriteOnlyWithoutSupport(nested.body, e.value, diagnostics, e.path);
  }
  for (const [name, block] of Object.entries(body.blocks)) {
    const path = pathOf(parent, name);
    for (const e of elementsOf(block.nesting, config[name] ?? null, path)) rejectWriteOnlyWithoutSupport(block, e.value, diagnostics, e.path);
  }
}
