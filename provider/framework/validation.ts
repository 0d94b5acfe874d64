import { isWhollyKnown, type TfObject } from '../bridge/tftypes/value.js';
import { Diagnostics } from './diagnostics.js';
import { AttributePath } from './path.js';
import type { Schema } from './schema.js';
import type { ConfigValidator } from './validator.js';

/** Runs attribute validators on known, non-null values, then the configuration-wide validators. */
export function validateConfig(schema: Schema, configValidators: readonly ConfigValidator[] | undefined, config: TfObject): Diagnostics {
  const diagnostics = new Diagnostics();
  for (const [name, attr] of Object.entries(schema.attributes)) {
    const value = config[name] ?? null;
    // Terraform core accepts a value for a computed-only attribute; refusing it is the provider's job.
    if (value !== null && attr.mode === 'computed') {
      diagnostics.addAttributeError(
        AttributePath.root(name),
        'Invalid configuration for read-only attribute',
        `${name} is set by the provider and cannot be configured; remove it from the configuration.`,
      );
      continue;
    }
    if (value === null || !isWhollyKnown(value)) continue;
    for (const validator of attr.validators ?? []) validator.validate({ path: AttributePath.root(name), value, config }, diagnostics);
  }
  for (const validator of configValidators ?? []) validator.validate(config, diagnostics);
  return diagnostics;
}

/** Terraform older than 1.11 would store write-only values in state; refuse them there, as HashiCorp's SDKs do. */
export function rejectWriteOnlyWithoutSupport(schema: Schema, config: TfObject, diagnostics: Diagnostics): void {
  for (const [name, attr] of Object.entries(schema.attributes)) {
    if (attr.writeOnly && (config[name] ?? null) !== null) {
      diagnostics.addAttributeError(
        AttributePath.root(name),
        'Write-only attribute not supported',
        `${name} is write-only, and write-only attributes need Terraform 1.11 or later. Upgrade Terraform or remove ${name}.`,
      );
    }
  }
}
