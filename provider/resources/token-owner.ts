/** Who an API token belongs to, shared by the token resource, the ephemeral token and the token list data source. */
import type { TokenOwnerApi } from '../client/index.js';
import type { KestraContext } from '../provider-config.js';

export interface TokenOwnerRef {
  service_account_id: string | null;
  user_id: string | null;
  tenant_id?: string | null;
}

/** Service-account tokens live in a tenant; user tokens are instance-level. */
export function tokenOwner(ref: TokenOwnerRef, ctx: { client: KestraContext }): TokenOwnerApi {
  if (ref.service_account_id !== null) {
    return ctx.client.api.apiTokens.ofServiceAccount(ref.service_account_id, { tenant: ref.tenant_id ?? ctx.client.defaultTenant });
  }
  return ctx.client.api.apiTokens.ofUser(ref.user_id!);
}

/** The import id of a token, also its Terraform `id`: `service-account/<id>/<token-id>` or `user/<id>/<token-id>`. */
export function tokenAddress(ref: TokenOwnerRef, tokenId: string): string {
  return ref.service_account_id !== null ? `service-account/${ref.service_account_id}/${tokenId}` : `user/${ref.user_id}/${tokenId}`;
}

/** Parses `[<tenant>/]service-account/<sa-id>/<token-id>` or `user/<user-id>/<token-id>`; undefined when malformed. */
export function parseTokenAddress(text: string): (TokenOwnerRef & { token_id: string }) | undefined {
  const parts = text.split('/');
  const [tenant, rest] = parts.length === 4 ? [parts[0]!, parts.slice(1)] : [null, parts];
  if (rest.length !== 3 || rest.some((p) => p === '')) return undefined;
  const [kind, owner, tokenId] = rest as [string, string, string];
  if (kind === 'service-account') return { service_account_id: owner, user_id: null, tenant_id: tenant, token_id: tokenId };
  if (kind === 'user' && tenant === null) return { service_account_id: null, user_id: owner, tenant_id: null, token_id: tokenId };
  return undefined;
}
