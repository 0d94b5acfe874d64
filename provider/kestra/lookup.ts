import { ResourceError } from '../framework/index.js';

/** The single match of a lookup by name, or an error that says what was searched and what was found. */
export async function findOne<T extends { id: string }>(kind: string, name: string, search: Promise<T[]>): Promise<T> {
  const [match, ...others] = await search;
  if (match === undefined) throw new ResourceError(`${kind} not found`, `No ${kind} is named ${JSON.stringify(name)}.`);
  if (others.length === 0) return match;
  const ids = [match, ...others].map((m) => m.id).join(', ');
  throw new ResourceError(`${kind} name is ambiguous`, `${others.length + 1} ${kind}s are named ${JSON.stringify(name)} (ids ${ids}); look it up by id instead.`);
}

/** The id a data source looks up: the configured `id`, or that of the single object named `name`. */
export async function idOrFindByName(kind: string, config: { readonly id: string | null; readonly name: string | null }, search: (name: string) => Promise<{ id: string }[]>): Promise<string> {
  if (config.id !== null) return config.id;
  if (config.name === null) throw new ResourceError(`${kind} lookup needs id or name`, 'Set `id` or `name`.');
  return (await findOne(kind, config.name, search(config.name))).id;
}
