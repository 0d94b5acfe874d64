import { parse } from 'lossless-json';
import { numberFromText } from '../bridge/codec/number.js';
import type { ExactNumber } from '../bridge/tftypes/value.js';

/** A stored state as JSON, for state upgraders: numbers are exact (a JS number only when it holds the value). */
export type RawValue = null | boolean | string | number | ExactNumber | readonly RawValue[] | { readonly [key: string]: RawValue };
export type RawState = { readonly [key: string]: RawValue };

/** Parses the `attributes` object of a stored state; throws when it is not a JSON object. */
export function parseRawState(json: Uint8Array): RawState {
  const parsed = parse(Buffer.from(json).toString('utf8'), null, (text) => numberFromText(text) ?? text);
  if (!isRawObject(parsed)) throw new Error('the stored state is not a JSON object');
  return parsed;
}

function isRawObject(value: unknown): value is RawState {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
