import type { Diagnostics } from './diagnostics.js';
import { parseRawState, rawHasValue, type RawState } from './raw-state.js';
import type { AnyResource, StoredStateReading } from './resource.js';

/**
 * Parses a stored state for an upgrade or a move, after warning about every stored attribute with a value that
 * the current schema lacks and the transform does not carry over: the user learns what the new state leaves out.
 * `origin` names the stored type in the warning.
 */
export function readStoredState(resource: AnyResource<unknown>, reading: StoredStateReading, json: Uint8Array, origin: string, diagnostics: Diagnostics): RawState {
  const raw = parseRawState(json);
  const known = new Set([...Object.keys(resource.schema.attributes), ...Object.keys(resource.schema.blocks), ...(reading.reads ?? [])]);
  const dropped = Object.keys(raw)
    .filter((name) => !known.has(name) && rawHasValue(raw[name]))
    .sort();
  for (const name of dropped) {
    const reason = reading.dropped?.[name] ?? `${resource.typeName} has no attribute for it, so the value is not carried over.`;
    diagnostics.addWarning(
      `${origin}.${name} is not carried over`,
      `The stored state of this ${origin} has a value for \`${name}\`. ${reason} Check that nothing depended on it before the next apply.`,
    );
  }
  return raw;
}
