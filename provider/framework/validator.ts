import type { Diagnostics } from './diagnostics.js';
import type { AttributePath } from './path.js';

export interface ValidateRequest<T> {
  readonly path: AttributePath;
  readonly value: T;
}

/**
 * Checks one attribute's configured value, typed like the attribute: a string validator does not fit a bool
 * attribute. Called only with known, non-null values: a value that depends on another resource is checked
 * again at apply, when it is known.
 */
export interface Validator<T> {
  readonly description: string;
  validate(req: ValidateRequest<T>, diagnostics: Diagnostics): void;
}

/**
 * Checks the configuration as a whole (exactly-one-of, conflicts, combinations). `V` is the planning view of
 * the configuration: each value may be null or unknown.
 */
export interface ConfigValidator<V> {
  readonly description: string;
  validate(config: V, diagnostics: Diagnostics): void;
}
