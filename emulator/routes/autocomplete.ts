import { readBody, type BodySpec } from '../body.js';
import type { ListQuery } from '../store/query.js';

/**
 * The autocomplete operations (groups, roles, users of a tenant) take an `ApiAutocomplete`: a text `q`, the `ids`
 * that must be among the results (the ones already picked), and `existingOnly` to get only those.
 */

export interface AutocompleteBody {
  q?: string;
  ids?: string[];
  existingOnly?: boolean;
  username?: string;
}

/** How many matches of `q` an autocomplete answers with, at most (the ids asked for come on top). */
export const AUTOCOMPLETE_LIMIT = 20;

export function readAutocomplete(raw: unknown, spec: { javaType: string; method: string; withUsername?: boolean }): AutocompleteBody {
  const body: BodySpec = {
    javaType: spec.javaType,
    method: spec.method,
    argument: 'autocomplete',
    fields: {
      q: { kind: 'string' },
      ids: { kind: 'stringList' },
      existingOnly: { kind: 'boolean' },
      ...(spec.withUsername ? { username: { kind: 'string' } } : {}),
    },
  };
  return readBody<AutocompleteBody>(body, raw);
}

/**
 * The matches of `q` (and of `username`, through `usernameField`), then the items named in `ids` that are not
 * among them; with `existingOnly`, only the latter. `base` carries conditions of the query string.
 */
export function autocomplete<T extends { id: string }, F extends string>(
  body: AutocompleteBody,
  find: (query: ListQuery<F>) => T[],
  usernameField?: F,
  base: Pick<ListQuery<F>, 'texts' | 'conditions'> = { texts: [], conditions: [] },
): T[] {
  const ids = body.ids ?? [];
  const named =
    ids.length === 0
      ? []
      : find({ texts: [], conditions: [{ field: 'id' as F, operation: 'IN', value: ids }], offset: 0, limit: ids.length });
  if (body.existingOnly) return named;
  const texts = [...base.texts, ...(body.q === undefined || body.q === '' ? [] : [{ value: body.q, negated: false }])];
  const conditions = [...base.conditions];
  if (usernameField !== undefined && body.username !== undefined && body.username !== '') {
    conditions.push({ field: usernameField, operation: 'CONTAINS', value: body.username });
  }
  const matches = find({ texts, conditions, offset: 0, limit: AUTOCOMPLETE_LIMIT });
  const seen = new Set(matches.map((m) => m.id));
  return [...matches, ...named.filter((n) => !seen.has(n.id))];
}
