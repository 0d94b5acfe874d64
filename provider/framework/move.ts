import type { Model } from './conversion.js';
import { ResourceError } from './errors.js';
import type { AnyResource, MoveContext, StateMover } from './resource.js';
import type { Schema } from './schema.js';
import { readStoredState } from './stored-state.js';

export interface MoveRequest {
  readonly sourceProviderAddress: string;
  readonly sourceTypeName: string;
  readonly sourceVersion: number;
  readonly sourceStateJson: Uint8Array | null;
}

/** The state of another type, as `resource`'s state, through the mover the resource declares for that type. */
export function moveState(resource: AnyResource<unknown>, req: MoveRequest, ctx: MoveContext): Model | null {
  const { typeName } = resource;
  const candidates = (resource.movedFrom ?? []).filter((m) => m.sourceTypeName === req.sourceTypeName);
  if (candidates.length === 0) {
    const accepted = (resource.movedFrom ?? []).map((m) => m.sourceTypeName);
    throw new ResourceError(
      'move not supported',
      `A moved block cannot turn a ${req.sourceTypeName} into a ${typeName}: ` +
        (accepted.length > 0 ? `${typeName} takes the state of ${accepted.join(', ')} only.` : `${typeName} takes no other type's state.`),
    );
  }
  const mover = candidates.find((m) => m.sourceProviders.some((p) => sameProvider(req.sourceProviderAddress, p)));
  if (!mover) {
    throw new ResourceError(
      'state of another provider',
      `This ${req.sourceTypeName} belongs to ${req.sourceProviderAddress}; ${typeName} reads the ${req.sourceTypeName} state of ` +
        `${providersOf(candidates).join(' or ')} only.`,
    );
  }
  if (!mover.sourceVersions.includes(req.sourceVersion)) {
    throw new ResourceError(
      'unknown state version',
      `This ${req.sourceTypeName} state has schema version ${req.sourceVersion}; ${typeName} reads versions ${mover.sourceVersions.join(', ')} of it. ` +
        'Upgrade the provider that wrote it, or this one.',
    );
  }
  if (req.sourceStateJson === null) return null;
  return mover.move(readStoredState(resource, mover, req.sourceStateJson, req.sourceTypeName, ctx.diagnostics), ctx);
}

/**
 * Whether a source provider address (`registry.terraform.io/kestra-io/kestra` on any host, or the type alone, which
 * OpenTofu sends) names the provider `namespace/type`. Addresses are case-insensitive.
 */
export function sameProvider(address: string, namespaceAndType: string): boolean {
  const given = address.toLowerCase().split('/');
  const [namespace, type] = namespaceAndType.toLowerCase().split('/');
  if (given.at(-1) !== type) return false;
  return given.length === 1 || given.at(-2) === namespace;
}

function providersOf(movers: readonly StateMover<Schema>[]): string[] {
  return [...new Set(movers.flatMap((m) => m.sourceProviders))];
}
