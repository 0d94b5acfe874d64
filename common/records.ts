/** A record with the same keys, each value mapped by `fn`. */
export function mapValues<V, R>(record: Readonly<Record<string, V>>, fn: (value: V) => R): Record<string, R> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fn(v)]));
}
