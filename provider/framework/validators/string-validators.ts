import type { Validator } from '../validator.js';

/** The value must match `pattern`; `rule` says in words what that means, for the diagnostic. */
export function matchesPattern(pattern: RegExp, rule: string): Validator<string> {
  return satisfies((value) => pattern.test(value), rule);
}

export function oneOf(allowed: readonly string[]): Validator<string> {
  return satisfies((value) => allowed.includes(value), `one of ${allowed.join(', ')}`);
}

/** Rejects the empty string, which Kestra treats differently from an absent value. */
export function notEmpty(): Validator<string> {
  return {
    description: 'must not be empty',
    validate({ path, value }, diagnostics) {
      if (value === '') {
        diagnostics.addAttributeError(path, `Invalid value for ${path}`, `${path} must not be an empty string; remove the argument to leave it unset.`);
      }
    },
  };
}

/** Rejects text that is empty or only white space, as the server's `@NotBlank` does; the text is not trimmed. */
export function notBlank(): Validator<string> {
  return {
    description: 'must not be blank',
    validate({ path, value }, diagnostics) {
      if (value.trim() === '') {
        diagnostics.addAttributeError(path, `Invalid value for ${path}`, `${path} must not be empty or only white space; Kestra refuses a blank ${path}.`);
      }
    },
  };
}

/** Checks the text with a predicate; for rules a regular expression cannot state (durations, ranges). */
export function satisfies(check: (value: string) => boolean, rule: string): Validator<string> {
  return {
    description: `must be ${rule}`,
    validate({ path, value }, diagnostics) {
      if (!check(value)) diagnostics.addAttributeError(path, `Invalid value for ${path}`, `${JSON.stringify(value)} is not valid: ${path} must be ${rule}.`);
    },
  };
}
