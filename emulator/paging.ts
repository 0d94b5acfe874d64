import { errors } from './errors.js';

export interface Page<T> {
  results: T[];
  total: number;
}

type Query = Record<string, unknown>;

function first(value: unknown): string | undefined {
  if (Array.isArray(value)) return first(value[0]);
  return typeof value === 'string' ? value : undefined;
}

export function queryText(query: Query, name: string): string | undefined {
  const value = first(query[name]);
  return value === undefined || value === '' ? undefined : value;
}

function queryInt(query: Query, name: string, fallback: number): number {
  const text = first(query[name]);
  if (text === undefined || text === '') return fallback;
  if (!/^[-+]?\d{1,10}$/.test(text) || Math.abs(Number(text)) > 2 ** 31 - 1) {
    throw errors.QUERY_CONVERSION(name, text, text);
  }
  return Number(text);
}

/** Kestra pages are 1-based with 10 items by default. */
export function paginate<T>(items: T[], query: Query): Page<T> {
  const page = queryInt(query, 'page', 1);
  const size = queryInt(query, 'size', 10);
  if (page < 1) throw errors.ILLEGAL_ARGUMENT('Page index cannot be negative');
  if (size < 1) throw errors.ILLEGAL_ARGUMENT('Max size cannot be less than one');
  const start = (page - 1) * size;
  return { results: items.slice(start, start + size), total: items.length };
}

/** Deep-object filters as clients send them: `filters[<field>][<OPERATION>]=<value>`. */
export function queryFilters(query: Query): Array<{ field: string; operation: string; value: string }> {
  const out: Array<{ field: string; operation: string; value: string }> = [];
  for (const [key, raw] of Object.entries(query)) {
    const m = /^filters\[([^\]]+)\]\[([^\]]+)\]$/.exec(key);
    const value = first(raw);
    if (m && value !== undefined) out.push({ field: m[1]!, operation: m[2]!, value });
  }
  return out;
}

export function containsIgnoringCase(haystack: string | undefined, needle: string): boolean {
  return haystack !== undefined && haystack.toLowerCase().includes(needle.toLowerCase());
}
