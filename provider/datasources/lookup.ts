/** The single match of a lookup by name, or an error that says what was searched and what was found. */
export async function findOne<T extends { id: string }>(kind: string, name: string, search: Promise<T[]>): Promise<T> {
  const matches = await search;
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) throw Object.assign(new Error(`No ${kind} is named ${JSON.stringify(name)}.`), { summary: `${kind} not found` });
  throw Object.assign(new Error(`${matches.length} ${kind}s are named ${JSON.stringify(name)} (ids ${matches.map((m) => m.id).join(', ')}); look it up by id instead.`), {
    summary: `${kind} name is ambiguous`,
  });
}
