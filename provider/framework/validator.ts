import type { TfObject, TfValue } from '../bridge/tftypes/value.js';
import type { Diagnostics } from './diagnostics.js';
import type { AttributePath } from './path.js';

/**
 * Checks one attribute's configured value. Called only with known, non-null values: an unknown value
 * (one that depends on another resource) is checked again at apply time, when it is known.
 */
export interface Validator {
  readonly description: string;
  validate(req: { path: AttributePath; value: Exclude<TfValue, null>; config: TfObject }, diagnostics: Diagnostics): void;
}

/** Checks the configuration as a whole (exactly-one-of, conflicts, combinations). Values may be unknown. */
export interface ConfigValidator {
  readonly description: string;
  validate(config: TfObject, diagnostics: Diagnostics): void;
}
