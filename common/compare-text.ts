const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * The order Go's sort.Strings gives and Terraform shows: UTF-8 bytes, which is code point order. JS `<`
 * compares UTF-16 units, which agrees unless a string holds a surrogate (a character past U+FFFF): only
 * then are the bytes compared. Never `localeCompare`: its order follows the user's locale, and its first
 * call maps ICU's collation data into the process (some 2 MB of resident memory in every provider process).
 */
export function compareUtf8(a: string, b: string): number {
  if (SURROGATE.test(a) || SURROGATE.test(b)) return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  return a < b ? -1 : a > b ? 1 : 0;
}
