/**
 * What a list request asks of a repository: a page, an optional free-text search, conditions on named fields
 * and an order. Repositories map field names to their own columns; nothing here knows HTTP.
 */

export type FilterOperation = 'EQUALS' | 'NOT_EQUALS' | 'CONTAINS' | 'STARTS_WITH' | 'ENDS_WITH' | 'IN' | 'NOT_IN';

export interface Condition<F extends string = string> {
  field: F;
  operation: FilterOperation;
  /** One value, or several for IN and NOT_IN. */
  value: string | string[];
}

export interface ListQuery<F extends string = string> {
  /** Substrings of searchable text of the item, case-insensitive, all required; `negated` keeps the items without it. */
  texts: Array<{ value: string; negated: boolean }>;
  conditions: Array<Condition<F>>;
  sort?: { field: F; descending: boolean } | undefined;
  offset: number;
  limit: number;
}

export interface Page<T> {
  results: T[];
  total: number;
}

/** Everything, in creation order: for internal callers that need a whole (small) list. */
export function everything<F extends string>(): ListQuery<F> {
  return { texts: [], conditions: [], offset: 0, limit: -1 };
}

/** Whether a list query narrows the list (and so cannot be counted from the kept list sizes). */
export function isFiltered(query: ListQuery): boolean {
  return query.texts.length > 0 || query.conditions.length > 0;
}

/** A column expression for a field, and how its values compare. */
export interface Column {
  sql: string;
  kind?: 'text' | 'exact' | 'boolean';
}

/**
 * A WHERE clause assembled from fixed SQL fragments and parameters. Text comparisons ignore ASCII case, as the
 * real server's searches do; lists of values travel as one JSON parameter, so the SQL text does not depend on
 * how many there are (prepared statements stay few).
 */
export class Where {
  private readonly parts: string[] = [];
  readonly params: unknown[] = [];

  add(sql: string, ...params: unknown[]): this {
    this.parts.push(sql);
    this.params.push(...params);
    return this;
  }

  condition(column: Column, condition: Condition): this {
    const { sql } = column;
    const values = Array.isArray(condition.value) ? condition.value : [condition.value];
    if (column.kind === 'boolean') {
      const wanted = values.map((v) => (v.toLowerCase() === 'true' ? 1 : 0));
      const negated = condition.operation === 'NOT_EQUALS' || condition.operation === 'NOT_IN';
      return this.add(`${sql} ${negated ? 'NOT IN' : 'IN'} (SELECT value FROM json_each(?))`, JSON.stringify(wanted));
    }
    const collate = column.kind === 'exact' ? '' : ' COLLATE NOCASE';
    const one = values[0] ?? '';
    switch (condition.operation) {
      case 'EQUALS':
        return this.add(`${sql} = ?${collate}`, one);
      case 'NOT_EQUALS':
        return this.add(`(${sql} IS NULL OR ${sql} <> ?${collate})`, one);
      case 'CONTAINS':
        return this.add(`instr(lower(${sql}), lower(?)) > 0`, one);
      case 'STARTS_WITH':
        return this.add(`substr(lower(${sql}), 1, length(?)) = lower(?)`, one, one);
      case 'ENDS_WITH':
        return this.add(`(length(?) = 0 OR substr(lower(${sql}), -length(?)) = lower(?))`, one, one, one);
      case 'IN':
        return this.add(`${sql}${collate} IN (SELECT value FROM json_each(?))`, JSON.stringify(values));
      case 'NOT_IN':
        return this.add(`(${sql} IS NULL OR ${sql}${collate} NOT IN (SELECT value FROM json_each(?)))`, JSON.stringify(values));
    }
  }

  /** A case-insensitive substring of any of the columns. */
  substringOfAny(columns: string[], value: string, negated: boolean): this {
    const any = columns.map((c) => `instr(lower(coalesce(${c}, '')), lower(?)) > 0`).join(' OR ');
    return this.add(`${negated ? 'NOT ' : ''}(${any})`, ...columns.map(() => value));
  }

  get sql(): string {
    return this.parts.length === 0 ? '' : ` WHERE ${this.parts.join(' AND ')}`;
  }
}

/** LIMIT/OFFSET of a query; a negative limit is no limit. */
export function limitClause(query: ListQuery): { sql: string; params: number[] } {
  return { sql: ' LIMIT ? OFFSET ?', params: [query.limit, query.offset] };
}

export function orderClause(query: ListQuery, columns: Record<string, string>, byDefault: string): string {
  const sort = query.sort;
  const column = sort === undefined ? undefined : columns[sort.field];
  if (sort === undefined || column === undefined) return ` ORDER BY ${byDefault}`;
  return ` ORDER BY ${column} ${sort.descending ? 'DESC' : 'ASC'}, ${byDefault}`;
}
