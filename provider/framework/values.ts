import { UNKNOWN, isPlainObject, isUnknown, isWhollyKnown, type TfValue, type UnknownValue } from '../bridge/tftypes/value.js';

/** A value Terraform will know only at apply (it depends on another resource). */
export type Unknown = UnknownValue;

/**
 * A value during planning: known, null, or unknown. A value that is only partly known (a map with one unknown
 * element) is presented as unknown as a whole, so a known value is always wholly known.
 */
export type Planned<T> = T | null | Unknown;

export { UNKNOWN, isUnknown };

export function isKnown<T>(value: Planned<T>): value is T {
  return value !== null && !isUnknown(value);
}

/** The planning view of a raw value: anything not wholly known becomes UNKNOWN. */
export function collapseUnknown(value: TfValue): TfValue {
  return isWhollyKnown(value) ? value : UNKNOWN;
}

/** The apply-time view of a raw value: unknowns (computed values not yet set) become null, at any depth. */
export function unknownAsNull(value: TfValue): TfValue {
  if (isUnknown(value)) return null;
  if (Array.isArray(value)) return value.map(unknownAsNull);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unknownAsNull(v)]));
  return value;
}

