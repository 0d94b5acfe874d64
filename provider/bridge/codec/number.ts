import { ExactNumber } from '../tftypes/value.js';

/** ±digits × 10^exponent, digits without leading or trailing zeros ('' is zero, never negative). */
interface Decimal {
  readonly negative: boolean;
  readonly digits: string;
  readonly exponent: number;
}

// The decimal syntax cty's ParseNumberVal accepts in practice: sign, digits, fraction, exponent.
const DECIMAL_SYNTAX = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

// Plain decimal text is what cty emits (Text('f', -1)); cap it so "1e999999999" cannot exhaust memory.
export const MAX_PLAIN_LENGTH = 4096;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export function parseDecimal(text: string): Decimal | undefined {
  const match = DECIMAL_SYNTAX.exec(text);
  if (!match) return undefined;
  const [, sign, whole = '', fraction = '', exp = '0'] = match;
  if (whole === '' && fraction === '') return undefined;
  const all = whole + fraction;
  const digits = all.replace(/^0+/, '').replace(/0+$/, '');
  if (digits === '') return { negative: false, digits: '', exponent: 0 };
  const trailingZeros = all.length - all.replace(/0+$/, '').length;
  const exponent = Number(exp) - fraction.length + trailingZeros;
  if (Math.abs(exponent) + digits.length > MAX_PLAIN_LENGTH) return undefined;
  return { negative: sign === '-', digits, exponent };
}

/** Decimal text without exponent: `12345678901234567890`, `-0.001`. */
export function plainText(d: Decimal): string {
  if (d.digits === '') return '0';
  const sign = d.negative ? '-' : '';
  if (d.exponent >= 0) return sign + d.digits + '0'.repeat(d.exponent);
  const point = d.digits.length + d.exponent;
  return point > 0
    ? `${sign}${d.digits.slice(0, point)}.${d.digits.slice(point)}`
    : `${sign}0.${'0'.repeat(-point)}${d.digits}`;
}

const isInteger = (d: Decimal): boolean => d.exponent >= 0;

function toBigInt(d: Decimal): bigint {
  const magnitude = BigInt(d.digits || '0') * 10n ** BigInt(d.exponent);
  return d.negative ? -magnitude : magnitude;
}

const toFloat = (d: Decimal): number => Number(`${d.negative ? '-' : ''}${d.digits || '0'}e${d.exponent}`);

const sameDecimal = (a: Decimal | undefined, b: Decimal): boolean =>
  a !== undefined && a.negative === b.negative && a.digits === b.digits && a.exponent === b.exponent;

/**
 * The JS value for a decimal: a float64 when it stands for exactly this number. Integers must be exact
 * (cty compares integers exactly); other numbers need only print back as the same text, as cty compares
 * them by their shortest round-trip decimal. Everything else stays an ExactNumber.
 */
function fromDecimal(d: Decimal): number | ExactNumber {
  const float = toFloat(d);
  if (Number.isFinite(float)) {
    if (isInteger(d) ? BigInt(float) === toBigInt(d) : sameDecimal(parseDecimal(String(float)), d)) return float;
  }
  return new ExactNumber(plainText(d));
}

/** Parses decimal text (msgpack str, JSON number); undefined when it is not a number. */
export function numberFromText(text: string): number | ExactNumber | undefined {
  const d = parseDecimal(text);
  return d && fromDecimal(d);
}

export function numberFromBigInt(value: bigint): number | ExactNumber {
  return fromDecimal(parseDecimal(value.toString()) as Decimal);
}

/** How go-cty puts a number on the wire: an int64 if it is one, else a float64 if exact, else decimal text. */
export type NumberEncoding = { int: bigint } | { float: number } | { text: string };

export function numberEncoding(value: number | ExactNumber): NumberEncoding | undefined {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return undefined;
    if (Number.isInteger(value) && value >= -(2 ** 63) && value < 2 ** 63) return { int: BigInt(value) };
    return { float: value };
  }
  const d = parseDecimal(value.text);
  if (!d) return undefined;
  if (!isInteger(d)) return { text: plainText(d) };
  const int = toBigInt(d);
  if (int >= INT64_MIN && int <= INT64_MAX) return { int };
  const float = toFloat(d);
  return Number.isFinite(float) && BigInt(float) === int ? { float } : { text: plainText(d) };
}

/** cty JSON number text; undefined for NaN, ±Infinity and malformed ExactNumbers, which JSON cannot carry. */
export function jsonNumberText(value: number | ExactNumber): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? plainText(parseDecimal(String(value)) as Decimal) : undefined;
  const d = parseDecimal(value.text);
  return d && plainText(d);
}
