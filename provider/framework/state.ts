import type { TfObject } from '../bridge/tftypes/value.js';
import type { Schema } from './schema.js';

/**
 * The attributes the state type says are never null (required, defaulted, `nullable: false`) that are null
 * here. A state missing one is incomplete: a placeholder a failed apply recorded, or a provider bug.
 */
export function missingValues(schema: Schema, state: TfObject): string[] {
  return Object.entries(schema.attributes)
    .filter(([name, attr]) => attr.presence === 'always' && (state[name] ?? null) === null)
    .map(([name]) => name);
}
