import { isUnknown, type TfObject } from '../../bridge/tftypes/value.js';
import { AttributePath } from '../path.js';
import type { ConfigValidator } from '../validator.js';

/** Exactly one of the attributes must be set. Unknown values count as set (they will be, at apply). */
export function exactlyOneOf(...names: string[]): ConfigValidator {
  const list = names.join(', ');
  return {
    description: `exactly one of ${list} must be set`,
    validate(config, diagnostics) {
      const set = names.filter((n) => config[n] !== null && config[n] !== undefined);
      if (set.length === 1) return;
      if (set.length === 0) {
        diagnostics.addAttributeError(AttributePath.root(names[0]!), 'Missing required argument', `Exactly one of ${list} must be set; none is.`);
      } else {
        diagnostics.addAttributeError(AttributePath.root(set[1]!), 'Conflicting arguments', `Exactly one of ${list} must be set; ${set.join(' and ')} are both set.`);
      }
    },
  };
}

/** When `name` is set to a value satisfying `when`, `other` must be set too. */
export function requiresAlso(name: string, other: string, when: (value: TfObject[string]) => boolean, reason: string): ConfigValidator {
  return {
    description: `${name} requires ${other}`,
    validate(config, diagnostics) {
      const value = config[name] ?? null;
      if (value === null || isUnknown(value) || !when(value)) return;
      if (config[other] === null || config[other] === undefined) {
        diagnostics.addAttributeError(AttributePath.root(name), `Missing argument ${other}`, reason);
      }
    },
  };
}
