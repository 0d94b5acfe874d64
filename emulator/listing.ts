import { errors } from './errors.js';
import type { Condition, FilterOperation, ListQuery, Page } from './store/query.js';

/**
 * The query string of a list operation as Kestra reads it: 1-based `page` and `size` (default 10), the free-text
 * `q`, parameters that compare one field (`type`, `namespace`, `email`…), deep-object filters
 * `filters[<field>][<OPERATION>]=<value>` and `sort=<field>:asc|desc`. Each operation declares which of these it
 * has in the emulated version (the spec's parameters); anything else in the query string is ignored, as Micronaut
 * ignores query values no argument binds.
 */

type Query = Record<string, unknown>;

export interface FilterField<F extends string> {
  field: F;
  operations: readonly FilterOperation[];
}

export interface ListSpec<F extends string> {
  /** The operation has a `q` parameter. */
  q?: boolean;
  /** Parameters comparing one field for equality, with the values their type allows (an enum) when it is one. */
  params?: Record<string, { field: F; javaType?: string; values?: readonly string[] }>;
  /** The `filters` parameter, by field name; the field `q` is the free-text search. Absent: no such parameter. */
  filters?: Record<string, FilterField<F>>;
  /** Fields `sort` accepts, by name. */
  sort?: Record<string, F>;
}

const OPERATIONS: readonly string[] = [
  'EQUALS', 'NOT_EQUALS', 'GREATER_THAN', 'LESS_THAN', 'GREATER_THAN_OR_EQUAL_TO', 'LESS_THAN_OR_EQUAL_TO', 'IN', 'NOT_IN',
  'STARTS_WITH', 'ENDS_WITH', 'CONTAINS', 'REGEX', 'PREFIX',
];

/** What every text field compares with. */
export const TEXT_OPERATIONS: readonly FilterOperation[] = ['EQUALS', 'NOT_EQUALS', 'CONTAINS', 'STARTS_WITH', 'ENDS_WITH', 'IN', 'NOT_IN'];
/** Enum and id fields. */
export const EXACT_OPERATIONS: readonly FilterOperation[] = ['EQUALS', 'NOT_EQUALS', 'IN', 'NOT_IN'];

function values(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(values);
  return typeof value === 'string' ? [value] : [];
}

export function queryText(query: Query, name: string): string | undefined {
  const value = values(query[name])[0];
  return value === undefined || value === '' ? undefined : value;
}

function queryInt(query: Query, name: string, fallback: number): number {
  const text = values(query[name])[0];
  if (text === undefined || text === '') return fallback;
  if (!/^[-+]?\d{1,10}$/.test(text) || Math.abs(Number(text)) > 2 ** 31 - 1) {
    throw errors.QUERY_CONVERSION(name, text, text);
  }
  return Number(text);
}

/** Kestra pages are 1-based with 10 items by default. */
export function pageOf(query: Query): { offset: number; limit: number } {
  const page = queryInt(query, 'page', 1);
  const size = queryInt(query, 'size', 10);
  if (page < 1) throw errors.ILLEGAL_ARGUMENT('Page index cannot be negative');
  if (size < 1) throw errors.ILLEGAL_ARGUMENT('Max size cannot be less than one');
  return { offset: (page - 1) * size, limit: size };
}

export function emptyPage(query: Query): Page<never> {
  pageOf(query);
  return { results: [], total: 0 };
}

const FILTER_KEY = /^filters\[([^\]]*)\]\[([^\]]*)\]$/;

function invalidFilter(detail: string): never {
  throw errors.INVALID_FILTERS(detail);
}

function readFilters<F extends string>(query: Query, fields: Record<string, FilterField<F>>, into: ListQuery<F>): void {
  for (const [key, raw] of Object.entries(query)) {
    if (!key.startsWith('filters[')) continue;
    const m = FILTER_KEY.exec(key);
    // Nested and/or groups (`filters[or][0][…]`) are not emulated: refused rather than half-applied.
    if (!m) invalidFilter(`Unsupported filter ${key}`);
    const [, name, operation] = m as unknown as [string, string, string];
    if (!OPERATIONS.includes(operation)) {
      throw errors.ILLEGAL_ARGUMENT(`No enum constant io.kestra.core.models.QueryFilter.Op.${operation}`);
    }
    for (const value of values(raw)) {
      if (name === 'q' || name === 'QUERY') {
        if (operation !== 'EQUALS' && operation !== 'NOT_EQUALS') {
          invalidFilter(`Operation ${operation} is not supported for field QUERY. Supported operations are EQUALS, NOT_EQUALS`);
        }
        into.texts.push({ value, negated: operation === 'NOT_EQUALS' });
        continue;
      }
      const field = fields[name];
      if (field === undefined) {
        invalidFilter(`Field ${name} is not supported. Supported fields are ${['q', ...Object.keys(fields)].join(', ')}`);
      }
      if (!(field.operations as readonly string[]).includes(operation)) {
        invalidFilter(`Operation ${operation} is not supported for field ${name}. Supported operations are ${field.operations.join(', ')}`);
      }
      const op = operation as FilterOperation;
      const condition: Condition<F> = { field: field.field, operation: op, value: op === 'IN' || op === 'NOT_IN' ? value.split(',') : value };
      into.conditions.push(condition);
    }
  }
}

function readSort<F extends string>(query: Query, fields: Record<string, F>): ListQuery<F>['sort'] {
  const text = queryText(query, 'sort');
  if (text === undefined) return undefined;
  const [name = '', direction = 'asc'] = text.split(':');
  const field = fields[name];
  if (field === undefined) throw errors.ILLEGAL_ARGUMENT(`Invalid sort field '${name}', expected one of ${Object.keys(fields).join(', ')}`);
  if (direction !== 'asc' && direction !== 'desc') throw errors.ILLEGAL_ARGUMENT(`Invalid sort direction '${direction}', expected asc or desc`);
  return { field, descending: direction === 'desc' };
}

/** Reads a list request; throws the server's error for a value it would not convert or a filter it refuses. */
export function readListQuery<F extends string>(query: Query, spec: ListSpec<F>): ListQuery<F> {
  const list: ListQuery<F> = { texts: [], conditions: [], ...pageOf(query) };
  const q = spec.q ? queryText(query, 'q') : undefined;
  if (q !== undefined) list.texts.push({ value: q, negated: false });
  for (const [name, param] of Object.entries(spec.params ?? {})) {
    const value = queryText(query, name);
    if (value === undefined) continue;
    if (param.values !== undefined && !param.values.includes(value)) {
      throw errors.QUERY_ENUM_CONVERSION(name, value, `No enum constant ${param.javaType ?? 'enum'}.${value}`);
    }
    list.conditions.push({ field: param.field, operation: 'EQUALS', value });
  }
  if (spec.filters !== undefined) readFilters(query, spec.filters, list);
  list.sort = readSort(query, spec.sort ?? {});
  return list;
}
