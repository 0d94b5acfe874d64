import { isUnknown } from '../values.js';
import { AttributePath } from '../path.js';
import type { ConfigValidator } from '../validator.js';

/** The part of a configuration a validator reads: only attribute names the schema has fit. */
type Reads<N extends string> = { readonly [K in N]: unknown };

const isSet = (value: unknown): boolean => value !== null && value !== undefined;

/** "a and b are both set", "a, b and c are all set". */
function listed(names: readonly string[]): string {
  const last = names.at(-1) ?? '';
  const text = names.length > 2 ? `${names.slice(0, -1).join(', ')} and ${last}` : names.join(' and ');
  return `${text} are ${names.length > 2 ? 'all' : 'both'} set`;
}

/** Exactly one of the attributes must be set. Unknown values count as set (they will be, at apply). */
export function exactlyOneOf<N extends string>(...names: [N, ...N[]]): ConfigValidator<Reads<N>> {
  const list = names.join(', ');
  return {
    description: `exactly one of ${list} must be set`,
    validate(config, diagnostics) {
      const set = names.filter((n) => isSet(config[n]));
      const [first, second] = set;
      if (first === undefined) {
        diagnostics.addAttributeError(AttributePath.root(names[0]), 'Missing required argument', `Exactly one of ${list} must be set; none is.`);
      } else if (second !== undefined) {
        diagnostics.addAttributeError(AttributePath.root(second), 'Conflicting arguments', `Exactly one of ${list} must be set; ${listed(set)}.`);
      }
    },
  };
}

/** When `name` is set to a known value satisfying `when`, `other` must be set too. */
export function requiresAlso<N extends string, O extends string>(
  name: N,
  other: O,
  when: (value: unknown) => boolean,
  reason: string,
): ConfigValidator<Reads<N | O>> {
  return {
    description: `${name} requires ${other}`,
    validate(config, diagnostics) {
      const value = config[name];
      if (!isSet(value) || isUnknown(value) || !when(value)) return;
      if (!isSet(config[other])) diagnostics.addAttributeError(AttributePath.root(name), `Missing argument ${other}`, reason);
    },
  };
}
