/**
 * Group memberships are written two ways: one at a time (`kestra_group_member`) and as a whole set (the
 * service-account PUT, which replaces every group of the account in its tenant). A whole-set write that sends
 * the groups it read a moment before would undo a membership added in between, so every write of one account's
 * memberships runs under this key, one at a time, in the provider process (one Terraform run).
 */
import { isKestraError } from '../client/errors.js';
import type { KestraContext } from '../provider-config.js';
import { objectKey } from './create-protocol.js';
import { orNullIfGone } from './not-found.js';

export function membershipsKey(client: KestraContext, tenant: string, accountId: string): string {
  return objectKey(client.api.endpoint, tenant, 'group-memberships', accountId);
}

/** Runs `work` after every earlier membership write of the account in this process has finished. */
export function withMemberships<R>(client: KestraContext, tenant: string, accountId: string, work: () => Promise<R>): Promise<R> {
  return client.creates.serialize(membershipsKey(client, tenant, accountId), work);
}

/** Removes an account from a group; a membership already gone (404, or 409 "not a member") is done. */
export async function removeGroupMember(client: KestraContext, tenant: string, groupId: string, memberId: string): Promise<void> {
  try {
    await orNullIfGone(client.api.groups.removeMember(groupId, memberId, { tenant }));
  } catch (error) {
    if (!isKestraError(error, 'KESTRA_CONFLICT')) throw error;
  }
}
