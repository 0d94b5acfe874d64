import { parse } from 'lossless-json';
import { numberFromText } from '../bridge/codec/number.js';
import { ExactNumber } from '../bridge/tftypes/value.js';
import { ResourceError } from './errors.js';

/** A stored state as JSON, for state upgraders and movers: numbers are exact (a JS number only when it holds the value). */
export type RawValue = null | boolean | string | number | ExactNumber | readonly RawValue[] | { readonly [key: string]: RawValue };
export type RawState = { readonly [key: string]: RawValue };

/** Parses the `attributes` object of a stored state; throws when it is not a JSON object. */
export function parseRawState(json: Uint8Array): RawState {
  const parsed = parse(Buffer.from(json).toString('utf8'), null, (text) => numberFromText(text) ?? text);
  if (!isRawObject(parsed)) throw new Error('the stored state is not a JSON object');
  return parsed;
}

export function isRawObject(value: unknown): value is RawState {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof ExactNumber);
}

/**
 * A stored string as a model value: null when absent, null or empty. Providers built on the legacy SDK store an
 * unset string as "", where a null is meant.
 */
export function rawString(value: RawValue | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** A stored boolean; `fallback` when absent or null. */
export function rawBool(value: RawValue | undefined, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

/** The elements of a stored list or set; none when absent or null. */
export function rawList(value: RawValue | undefined): readonly RawValue[] {
  return Array.isArray(value) ? value : [];
}

/** Whether a stored value says anything: not absent, null, "", an empty collection. */
export function rawHasValue(value: RawValue | undefined): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return !isRawObject(value) || Object.keys(value).length > 0;
}

/** A stored string no state can do without; throws, naming the attribute, when it is absent or empty. */
export function rawRequiredString(raw: RawState, name: string): string {
  const value = rawString(raw[name]);
  if (value === null) throw new ResourceError('incomplete stored state', `The stored state has no \`${name}\`, which this provider needs to find the object.`);
  return value;
}
