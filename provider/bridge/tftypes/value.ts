import type { TfType } from './type.js';

/** A value not known until apply. Refinements Terraform may send (msgpack ext 12) are dropped, as in HashiCorp's SDK. */
export class UnknownValue {
  /** Makes the class nominal, so no other object type narrows to it. */
  readonly kind = 'unknown';
  private constructor() {}
  static readonly instance = new UnknownValue();
  toString(): string {
    return '(known after apply)';
  }
}
export const UNKNOWN = UnknownValue.instance;

/** A number that a JS float64 cannot hold exactly (a big integer or a long decimal); kept as its decimal text. */
export class ExactNumber {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** A value of the `dynamic` pseudo-type: the concrete type travels with the value. */
export class DynamicValue {
  constructor(
    readonly type: TfType,
    readonly value: TfValue,
  ) {}
}

/**
 * A Terraform value. Null is `null`, unknown is `UNKNOWN`; lists, sets and tuples are arrays; maps and objects
 * are plain objects (an object always carries every attribute of its type, null where absent).
 */
export type TfValue =
  | null
  | UnknownValue
  | string
  | boolean
  | number
  | ExactNumber
  | DynamicValue
  | readonly TfValue[]
  | { readonly [key: string]: TfValue };

export type TfObject = { readonly [key: string]: TfValue };

export const isUnknown = (v: unknown): v is UnknownValue => v === UNKNOWN;
export const isNull = (v: unknown): v is null => v === null;
export const isKnown = (v: TfValue): boolean => v !== null && v !== UNKNOWN;

/** True when the value holds no unknown anywhere inside it. */
export function isWhollyKnown(value: TfValue): boolean {
  if (value === UNKNOWN) return false;
  if (value instanceof DynamicValue) return isWhollyKnown(value.value);
  if (Array.isArray(value)) return value.every(isWhollyKnown);
  if (isPlainObject(value)) return Object.values(value).every(isWhollyKnown);
  return true;
}

export function isPlainObject(v: unknown): v is TfObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}
