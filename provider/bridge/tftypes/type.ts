/**
 * Terraform's (cty's) type system as plain data. Primitive types are strings; collection and structural
 * types are single-key objects, mirroring the cty type JSON that travels in schemas and dynamic values.
 */
export type TfType =
  | 'string'
  | 'number'
  | 'bool'
  | 'dynamic'
  | { readonly list: TfType }
  | { readonly set: TfType }
  | { readonly map: TfType }
  | { readonly object: Readonly<Record<string, TfType>>; readonly optional?: readonly string[] }
  | { readonly tuple: readonly TfType[] };

export type ObjectType = Extract<TfType, { object: unknown }>;

export type ListType = Extract<TfType, { list: unknown }>;
export type SetType = Extract<TfType, { set: unknown }>;
export type MapType = Extract<TfType, { map: unknown }>;
export type TupleType = Extract<TfType, { tuple: unknown }>;

export const isList = (t: TfType): t is ListType => typeof t === 'object' && 'list' in t;
export const isSet = (t: TfType): t is SetType => typeof t === 'object' && 'set' in t;
export const isMap = (t: TfType): t is MapType => typeof t === 'object' && 'map' in t;
export const isObject = (t: TfType): t is ObjectType => typeof t === 'object' && 'object' in t;
export const isTuple = (t: TfType): t is TupleType => typeof t === 'object' && 'tuple' in t;

/** The cty type JSON (`"string"`, `["list","string"]`, `["object",{…},["opt"]]`, …). */
export function typeToJSON(type: TfType): unknown {
  if (typeof type === 'string') return type;
  if (isList(type)) return ['list', typeToJSON(type.list)];
  if (isSet(type)) return ['set', typeToJSON(type.set)];
  if (isMap(type)) return ['map', typeToJSON(type.map)];
  if (isTuple(type)) return ['tuple', type.tuple.map(typeToJSON)];
  const attrs = Object.fromEntries(Object.entries(type.object).map(([k, v]) => [k, typeToJSON(v)]));
  return type.optional?.length ? ['object', attrs, [...type.optional]] : ['object', attrs];
}

export class TypeJSONError extends Error {
  override readonly name = 'TypeJSONError';
  readonly code = 'TF_TYPE_JSON_INVALID';
}

/** Parses cty type JSON; throws TypeJSONError on anything that is not a valid type. */
export function typeFromJSON(json: unknown): TfType {
  if (json === 'string' || json === 'number' || json === 'bool' || json === 'dynamic') return json;
  if (Array.isArray(json) && typeof json[0] === 'string') {
    const [kind, arg, optional] = json as [string, unknown, unknown];
    switch (kind) {
      case 'list':
        return { list: typeFromJSON(arg) };
      case 'set':
        return { set: typeFromJSON(arg) };
      case 'map':
        return { map: typeFromJSON(arg) };
      case 'tuple':
        if (Array.isArray(arg)) return { tuple: arg.map(typeFromJSON) };
        break;
      case 'object':
        if (arg !== null && typeof arg === 'object' && !Array.isArray(arg)) {
          const object = Object.fromEntries(Object.entries(arg).map(([k, v]) => [k, typeFromJSON(v)]));
          return Array.isArray(optional) ? { object, optional: optional.map(String) } : { object };
        }
        break;
    }
  }
  throw new TypeJSONError(`invalid type JSON: ${JSON.stringify(json)}`);
}

export function typeEquals(a: TfType, b: TfType): boolean {
  return JSON.stringify(typeToJSON(a)) === JSON.stringify(typeToJSON(b));
}

/** The object type with the optional-attribute markers removed, as Terraform puts it on the wire. */
export function withoutOptionalMarkers(type: TfType): TfType {
  if (typeof type === 'string') return type;
  if (isList(type)) return { list: withoutOptionalMarkers(type.list) };
  if (isSet(type)) return { set: withoutOptionalMarkers(type.set) };
  if (isMap(type)) return { map: withoutOptionalMarkers(type.map) };
  if (isTuple(type)) return { tuple: type.tuple.map(withoutOptionalMarkers) };
  return { object: Object.fromEntries(Object.entries(type.object).map(([k, v]) => [k, withoutOptionalMarkers(v)])) };
}
