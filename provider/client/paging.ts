import type { PagedResults } from './api-types.js';

/** Page size used when the client walks a whole listing. */
const WALK_PAGE_SIZE = 100;

/**
 * Fetches pages 1, 2, ... until a short or empty page, or until `total` items are in hand. Stops at an
 * empty page even if `total` promises more, so a server that miscounts cannot loop us forever.
 */
export async function collectPages<T>(fetchPage: (page: number, size: number) => Promise<PagedResults<T>>): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page += 1) {
    const { results = [], total } = await fetchPage(page, WALK_PAGE_SIZE);
    items.push(...results);
    if (results.length < WALK_PAGE_SIZE || items.length >= total) return items;
  }
}
