import { decodeJsonState } from '../bridge/codec/index.js';
import { isPlainObject, type TfObject } from '../bridge/tftypes/value.js';
import { bodyType } from './body-type.js';
import { fromModel } from './conversion.js';
import { ResourceError } from './errors.js';
import type { AnyResource, UpgradeContext } from './resource.js';
import { readStoredState } from './stored-state.js';

/**
 * The stored state of `version` as the current schema's state. The current version only needs decoding; an
 * older one goes through the resource's upgrader for that version, which reads the raw JSON.
 */
export function upgradeState<C>(resource: AnyResource<C>, version: number, json: Uint8Array | null, ctx: UpgradeContext<C>): TfObject | null {
  if (json === null) return null;
  const { schema, typeName } = resource;
  if (version > schema.version) {
    throw new ResourceError(
      'state from a newer provider',
      `The state of this ${typeName} was written by a newer version of the provider (schema version ${version}, this one knows ${schema.version}); upgrade the provider.`,
    );
  }
  if (version === schema.version) {
    const decoded = decodeJsonState(json, bodyType(schema));
    return isPlainObject(decoded) ? fromModel(schema, decoded) : null;
  }
  const upgrader = resource.stateUpgraders?.[version];
  if (!upgrader) {
    throw new ResourceError('no state upgrade', `This provider cannot upgrade a ${typeName} state of schema version ${version} to version ${schema.version}.`);
  }
  return fromModel(schema, upgrader.upgrade(readStoredState(resource, upgrader, json, typeName, ctx.diagnostics), ctx));
}
