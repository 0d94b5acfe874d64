import { isList, isMap, isObject, isSet, isTuple, type TfType } from '../bridge/tftypes/type.js';
import { DynamicValue, ExactNumber, isUnknown, type TfObject, type TfValue } from '../bridge/tftypes/value.js';

/** Structural equality under a type: sets ignore order, numbers compare by value, unknown equals only unknown. */
export function valuesEqual(a: TfValue, b: TfValue, type: TfType): boolean {
  if (a === null || b === null || isUnknown(a) || isUnknown(b)) return a === b;
  if (type === 'number') return numberText(a) === numberText(b);
  if (typeof type === 'string') {
    if (a instanceof DynamicValue && b instanceof DynamicValue) return canonical(a) === canonical(b);
    return a === b;
  }
  if (isSet(type)) {
    const left = (a as TfValue[]).map(canonical).sort();
    const right = (b as TfValue[]).map(canonical).sort();
    return left.length === right.length && left.every((v, i) => v === right[i]);
  }
  if (isList(type)) return sameLength(a, b) && (a as TfValue[]).every((v, i) => valuesEqual(v, (b as TfValue[])[i]!, type.list));
  if (isTuple(type)) return sameLength(a, b) && (a as TfValue[]).every((v, i) => valuesEqual(v, (b as TfValue[])[i]!, type.tuple[i]!));
  if (isMap(type)) {
    const ka = Object.keys(a as TfObject).sort();
    const kb = Object.keys(b as TfObject).sort();
    return ka.join('\0') === kb.join('\0') && ka.every((k) => valuesEqual((a as TfObject)[k]!, (b as TfObject)[k]!, type.map));
  }
  if (isObject(type)) {
    return Object.entries(type.object).every(([k, t]) => valuesEqual((a as TfObject)[k] ?? null, (b as TfObject)[k] ?? null, t));
  }
  return false;
}

function sameLength(a: TfValue, b: TfValue): boolean {
  return (a as TfValue[]).length === (b as TfValue[]).length;
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
    if (v !== null && typeof v === 'object' && !(v instanceof DynamicValue)) {
      return Object.fromEntries(Object.entries(v as object).sort(([x], [y]) => x.localeCompare(y)));
    }
    return v;
  });
}
