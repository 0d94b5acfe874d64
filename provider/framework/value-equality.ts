import { compareUtf8 } from '../../common/compare-text.js';
import { isList, isMap, isObject, isSet, isTuple, type TfType } from '../bridge/tftypes/type.js';
import { DynamicValue, ExactNumber, isPlainObject, isUnknown, type TfValue } from '../bridge/tftypes/value.js';

/** Structural equality under a type: sets ignore order, numbers compare by value, unknown equals only unknown. */
export function valuesEqual(a: TfValue, b: TfValue, type: TfType): boolean {
  if (a === null || b === null || isUnknown(a) || isUnknown(b)) return a === b;
  if (type === 'number') return numberText(a) === numberText(b);
  if (typeof type === 'string') {
    if (a instanceof DynamicValue && b instanceof DynamicValue) return canonical(a) === canonical(b);
    return a === b;
  }
  if (isSet(type)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    const right = b.map(canonical).sort();
    return a.map(canonical).sort().every((v, i) => v === right[i]);
  }
  if (isList(type) || isTuple(type)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    const elementType = (i: number): TfType | undefined => (isList(type) ? type.list : type.tuple[i]);
    return a.every((v, i) => {
      const t = elementType(i);
      return t !== undefined && valuesEqual(v, b[i] ?? null, t);
    });
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  if (isMap(type)) {
    const keys = Object.keys(a).sort();
    return keys.join('\0') === Object.keys(b).sort().join('\0') && keys.every((k) => valuesEqual(a[k] ?? null, b[k] ?? null, type.map));
  }
  return isObject(type) && Object.entries(type.object).every(([k, t]) => valuesEqual(a[k] ?? null, b[k] ?? null, t));
}

function numberText(v: TfValue): string {
  return v instanceof ExactNumber ? v.text : String(v);
}

/** A canonical text of a value, used to compare set elements regardless of order. */
function canonical(value: TfValue): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (isUnknown(v)) return { $unknown: true };
    if (v instanceof ExactNumber) return { $number: v.text };
    if (Array.isArray(v)) return v;
    if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).sort(([x], [y]) => compareUtf8(x, y)));
    return v;
  });
}
