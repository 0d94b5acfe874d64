/**
 * Taking over the states of the official provider, kestra-io/kestra (v1.3.2, built on the legacy plugin SDK):
 * its renamed types move with `moved {}` blocks, its types of the same name upgrade from its schema versions.
 */
import { rawString, type RawState, type Schema, type StateMover } from '../framework/index.js';
import { PROVIDER_ADDRESS } from '../provider-address.js';
import type { KestraContext } from '../provider-config.js';

/**
 * Whose states the movers read: the official provider's, and this provider's own, which is what Terraform names
 * once `terraform state replace-provider` has reassigned the official provider's resources.
 */
const OFFICIAL_SOURCES = ['kestra-io/kestra', PROVIDER_ADDRESS.split('/').slice(-2).join('/')];

/** A mover from an official type; every IAM type of v1.3.2 stores its state at schema version 0. */
export function fromOfficial<S extends Schema>(sourceTypeName: string, mover: Pick<StateMover<S>, 'reads' | 'dropped' | 'move'>): StateMover<S> {
  return { sourceTypeName, sourceProviders: OFFICIAL_SOURCES, sourceVersions: [0], ...mover };
}

/**
 * The tenant of an object in a stored state, for an upgrader: its `tenant_id`, or else the provider's, which is
 * where the official provider put every object. Null while the provider block is unknown; the next refresh then
 * fills it in.
 */
export function storedTenant(raw: RawState, ctx: { readonly client: KestraContext | undefined }): string | null {
  return rawString(raw.tenant_id) ?? ctx.client?.defaultTenant ?? null;
}

/**
 * Official types with no counterpart here, whose objects stay on the server as they are, and what takes their
 * place. `terraform state rm` takes them out of the state (before or after `replace-provider`); a `removed` block
 * cannot, since Terraform reads the state of a removed resource with its type's schema, which this provider lacks.
 * `npm run migrate` prints the commands.
 */
export const OFFICIAL_TYPES_LEFT_BEHIND: Readonly<Record<string, string>> = {
  // v1.3.2 keeps the password in its state, and its read and delete call nothing.
  kestra_user_password:
    'the user keeps the password; to set it from Terraform from now on, give its kestra_user `password_wo` and `password_wo_version` (write-only: the next apply sends it once, and no state holds it)',
};
