import { errors, type FieldError } from './errors.js';

/**
 * Reads a JSON request body the way Kestra's Jackson + bean validation pipeline does: unknown properties
 * are ignored; a value of the wrong JSON type stops deserialization with "Invalid json mapping"; once the
 * object is built, constraint violations (required, pattern, size) are all reported as "Invalid entity".
 */

export type FieldSpec =
  | { kind: 'string'; required?: boolean; pattern?: string; notBlank?: boolean }
  | { kind: 'boolean'; required?: boolean }
  | { kind: 'integer'; javaType: 'java.lang.Integer' | 'java.lang.Long'; required?: boolean; minimum?: number; positive?: boolean }
  | { kind: 'enum'; javaType: string; values: readonly string[]; required?: boolean }
  | { kind: 'stringList'; maxItems?: number }
  | { kind: 'enumList'; javaType: string; values: readonly string[] }
  | { kind: 'idList'; javaType: string }
  | { kind: 'enumListMap'; keyType: string; keys: readonly string[]; valueType: string; values: readonly string[]; required?: boolean }
  /** A nested object of known fields, and a list of them. */
  | { kind: 'struct'; javaType: string; fields: Record<string, FieldSpec>; required?: boolean }
  | { kind: 'structList'; javaType: string; fields: Record<string, FieldSpec> }
  /** Any JSON object, kept as sent. */
  | { kind: 'object' };

export interface BodySpec {
  /** Java type of the request, as Jackson names it in its messages. */
  javaType: string;
  /** Controller method and argument names, which prefix constraint violation paths. */
  method: string;
  argument: string;
  fields: Record<string, FieldSpec>;
}

export type BodyValue = string | boolean | number | string[] | Record<string, string[]> | Record<string, unknown> | Array<Record<string, unknown>> | undefined;

class MappingFailure extends Error {
  constructor(
    readonly detail: string,
    readonly path: string,
  ) {
    super(detail);
  }
}

function jsonToken(value: unknown): string {
  if (Array.isArray(value)) return 'Array value (token `JsonToken.START_ARRAY`)';
  if (value === null) return 'Null value';
  switch (typeof value) {
    case 'object':
      return 'Object value (token `JsonToken.START_OBJECT`)';
    case 'string':
      return `String value (${JSON.stringify(value)})`;
    case 'boolean':
      return `Boolean value (${value})`;
    default:
      return Number.isInteger(value) ? `Integer value (${value})` : `Floating-point value (${value})`;
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function reference(owner: string, field: string): string {
  return `${owner}["${field}"]`;
}

function readString(value: unknown, path: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new MappingFailure(`Cannot deserialize value of type \`java.lang.String\` from ${jsonToken(value)}`, path);
}

function readBoolean(value: unknown, path: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return value !== 0;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  if (typeof value === 'string') {
    throw new MappingFailure(
      `Cannot deserialize value of type \`java.lang.Boolean\` from String ${JSON.stringify(value)}: only "true" or "false" recognized`,
      path,
    );
  }
  throw new MappingFailure(`Cannot deserialize value of type \`java.lang.Boolean\` from ${jsonToken(value)}`, path);
}

/** Jackson's integer coercions: integral numbers, floats (truncated), and numeric strings. */
function readInteger(value: unknown, javaType: string, path: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string' && /^[-+]?\d{1,18}$/.test(value.trim())) return Number(value.trim());
  const shown = typeof value === 'string' ? `String ${JSON.stringify(value)}: not a valid \`${javaType}\` value` : jsonToken(value);
  throw new MappingFailure(`Cannot deserialize value of type \`${javaType}\` from ${shown}`, path);
}

function readStruct(fields: Record<string, FieldSpec>, javaType: string, value: unknown, path: string): Record<string, unknown> {
  if (!isPlainObject(value)) throw new MappingFailure(`Cannot deserialize value of type \`${javaType}\` from ${jsonToken(value)}`, path);
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields)) {
    const raw = value[name];
    if (raw !== undefined && raw !== null) out[name] = readField(field, raw, `${path} > ${reference(javaType, name)}`);
  }
  return out;
}

function readEnum(value: unknown, javaType: string, values: readonly string[], path: string, asKey = false): string {
  if (typeof value === 'string' && values.includes(value)) return value;
  const shown = typeof value === 'string' ? `String ${JSON.stringify(value)}` : jsonToken(value);
  const what = asKey ? `Map key of type \`${javaType}\`` : `value of type \`${javaType}\``;
  throw new MappingFailure(`Cannot deserialize ${what} from ${shown}: not one of the values accepted for Enum class: [${values.join(', ')}]`, path);
}

function readList<T>(value: unknown, javaItemType: string, path: string, readItem: (item: unknown, i: number) => T): T[] {
  if (!Array.isArray(value)) {
    throw new MappingFailure(`Cannot deserialize value of type \`java.util.ArrayList<${javaItemType}>\` from ${jsonToken(value)}`, path);
  }
  return value.filter((item) => item !== null).map(readItem);
}

function readField(spec: FieldSpec, value: unknown, path: string): BodyValue {
  switch (spec.kind) {
    case 'string':
      return readString(value, path);
    case 'boolean':
      return readBoolean(value, path);
    case 'integer':
      return readInteger(value, spec.javaType, path);
    case 'enum':
      return readEnum(value, spec.javaType, spec.values, path);
    case 'stringList':
      return readList(value, 'java.lang.String', path, (item, i) => readString(item, `${path} > java.util.ArrayList[${i}]`));
    case 'enumList':
      return readList(value, spec.javaType, path, (item, i) => readEnum(item, spec.javaType, spec.values, `${path} > java.util.ArrayList[${i}]`));
    case 'struct':
      return readStruct(spec.fields, spec.javaType, value, path);
    case 'structList':
      return readList(value, spec.javaType, path, (item, i) => readStruct(spec.fields, spec.javaType, item, `${path} > java.util.ArrayList[${i}]`));
    case 'idList':
      return readList(value, spec.javaType, path, (item, i) => {
        const itemPath = `${path} > java.util.ArrayList[${i}]`;
        if (!isPlainObject(item)) {
          throw new MappingFailure(`Cannot deserialize value of type \`${spec.javaType}\` from ${jsonToken(item)}`, itemPath);
        }
        const id = item.id;
        return id === undefined || id === null ? '' : readString(id, `${itemPath} > ${reference(spec.javaType, 'id')}`);
      });
    case 'enumListMap': {
      if (!isPlainObject(value)) {
        throw new MappingFailure(`Cannot deserialize value of type \`java.util.LinkedHashMap\` from ${jsonToken(value)}`, path);
      }
      const out: Record<string, string[]> = {};
      for (const [key, list] of Object.entries(value)) {
        const k = readEnum(key, spec.keyType, spec.keys, path, true);
        if (list === null) continue;
        out[k] = readList(list, spec.valueType, `${path} > java.util.LinkedHashMap["${key}"]`, (item, i) =>
          readEnum(item, spec.valueType, spec.values, `${path} > java.util.LinkedHashMap["${key}"] > java.util.ArrayList[${i}]`),
        );
      }
      return out;
    }
    case 'object':
      if (!isPlainObject(value)) {
        throw new MappingFailure(`Cannot deserialize value of type \`java.util.LinkedHashMap\` from ${jsonToken(value)}`, path);
      }
      return value;
  }
}

/**
 * Bean validation's `@Pattern` uses `Matcher.matches()`: the whole value must match, so a pattern that the spec
 * writes unanchored (the tenant id's `^[a-z0-9][a-z0-9_-]*`) still refuses `a/b`.
 */
function matchesWhole(pattern: string, value: string): boolean {
  return new RegExp(`^(?:${pattern})$`).test(value);
}

/** Bean validation of the deserialized values: one entry per violated constraint, nested paths included. */
function violations(fields: Record<string, FieldSpec>, values: Record<string, unknown>, prefix: string): FieldError[] {
  const found: FieldError[] = [];
  for (const [name, field] of Object.entries(fields)) {
    const path = `${prefix}.${name}`;
    const value = values[name];
    if ('required' in field && field.required && value === undefined) {
      found.push({ message: 'must not be null', path });
      continue;
    }
    if (value === undefined) continue;
    switch (field.kind) {
      case 'string':
        if (field.notBlank && (value as string).trim() === '') found.push({ message: 'must not be blank', path });
        else if (field.pattern !== undefined && !matchesWhole(field.pattern, value as string)) {
          found.push({ message: `must match "${field.pattern}"`, path });
        }
        break;
      case 'integer':
        if (field.minimum !== undefined && (value as number) < field.minimum) {
          found.push({ message: `must be greater than or equal to ${field.minimum}`, path });
        } else if (field.positive && (value as number) <= 0) found.push({ message: 'must be greater than 0', path });
        break;
      case 'stringList':
        if (field.maxItems !== undefined && (value as string[]).length > field.maxItems) {
          found.push({ message: `size must be between 0 and ${field.maxItems}`, path });
        }
        break;
      case 'struct':
        found.push(...violations(field.fields, value as Record<string, unknown>, path));
        break;
      case 'structList':
        (value as Array<Record<string, unknown>>).forEach((item, i) => found.push(...violations(field.fields, item, `${prefix}.${name}[${i}]`)));
        break;
      default:
        break;
    }
  }
  return found;
}

export function readBody<T extends object>(spec: BodySpec, body: unknown): T {
  if (body === undefined || body === null) throw errors.MISSING_BODY(spec.argument);
  const conversionPrefix = `Failed to convert argument [${spec.argument}] for value [null] due to: `;
  try {
    if (!isPlainObject(body)) {
      throw new MappingFailure(`Cannot deserialize value of type \`${spec.javaType}\` from ${jsonToken(body)}`, '');
    }
    const values: Record<string, BodyValue> = {};
    for (const [name, field] of Object.entries(spec.fields)) {
      const raw = body[name];
      values[name] = raw === undefined || raw === null ? undefined : readField(field, raw, reference(spec.javaType, name));
    }
    const found = violations(spec.fields, values, `${spec.method}.${spec.argument}`);
    if (found.length > 0) {
      throw errors.INVALID_ENTITY(found, found.map((v) => `${v.path}: ${v.message}`).join(', '));
    }
    return values as unknown as T;
  } catch (e) {
    if (!(e instanceof MappingFailure)) throw e;
    const chain = e.path === '' ? '' : ` (through reference chain: ${e.path})`;
    throw errors.INVALID_JSON_MAPPING([{ message: conversionPrefix + e.detail + chain, path: e.path }]);
  }
}

/** The service-account and token name rule, shared by every request schema that carries one. */
export const DNS_NAME_PATTERN = '^(?=.{1,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$';
