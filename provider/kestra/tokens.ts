/** Who an API token belongs to, how its id reads, when it is due for rotation, and how it is created: shared by every token type. */
import { parseJavaDurationMillis } from '../../common/java-duration.js';
import { isKestraError } from '../client/errors.js';
import type { ApiToken, CreateApiTokenRequest, CreateApiTokenResponse, TokenOwnerApi } from '../client/index.js';
import { AttributePath, type ConfigValidator } from '../framework/index.js';
import type { KestraContext } from '../provider-config.js';
import { objectKey, type CreateTarget } from './create-protocol.js';
import { orNullIfGone } from './not-found.js';

/** A service account's token, a user's token (made by a superadmin), or the caller's own (`owner = "me"`). */
export type TokenOwnerRef =
  | { readonly service_account_id: string; readonly tenant_id?: string | null }
  | { readonly service_account_id: null; readonly user_id: string }
  | { readonly service_account_id: null; readonly user_id: null; readonly owner: typeof SELF };

/** The value of `owner` that names the identity the provider is authenticated as. */
export const SELF = 'me';

/** The owner named by a model with `service_account_id`, `user_id` and `owner`, exactly one of which the configuration sets. */
export function ownerOf(model: {
  readonly service_account_id: string | null;
  readonly user_id: string | null;
  readonly owner?: string | null;
  readonly tenant_id?: string | null;
}): TokenOwnerRef {
  if (model.service_account_id !== null) return { service_account_id: model.service_account_id, tenant_id: model.tenant_id ?? null };
  if (model.user_id !== null) return { service_account_id: null, user_id: model.user_id };
  if (model.owner === SELF) return { service_account_id: null, user_id: null, owner: SELF };
  throw new Error('a token needs service_account_id, user_id or owner');
}

/** Service-account tokens live in a tenant; user tokens, the caller's own included, are instance-level. */
export function tokenOwner(ref: TokenOwnerRef, ctx: { readonly client: KestraContext }): TokenOwnerApi {
  if (ref.service_account_id !== null) {
    return ctx.client.api.apiTokens.ofServiceAccount(ref.service_account_id, { tenant: ref.tenant_id ?? ctx.client.defaultTenant });
  }
  return ref.user_id !== null ? ctx.client.api.apiTokens.ofUser(ref.user_id) : ctx.client.api.apiTokens.ofCurrentUser();
}

/**
 * The import id of a token, also its Terraform `id`: `<tenant>/service-account/<id>/<token-id>` (the tenant
 * written out, so the id imports whatever the provider's tenant), `user/<id>/<token-id>`, or `me/<token-id>`
 * for a token of the caller.
 */
export function tokenAddress(ref: TokenOwnerRef, tokenId: string): string {
  if (ref.service_account_id === null) return ref.user_id !== null ? `user/${ref.user_id}/${tokenId}` : `${SELF}/${tokenId}`;
  const tenant = ref.tenant_id ? `${ref.tenant_id}/` : '';
  return `${tenant}service-account/${ref.service_account_id}/${tokenId}`;
}

export type TokenAddress = TokenOwnerRef & { readonly token_id: string };

/** Parses `[<tenant>/]service-account/<sa-id>/<token-id>`, `user/<user-id>/<token-id>` or `me/<token-id>`; undefined when malformed. */
export function parseTokenAddress(text: string): TokenAddress | undefined {
  const parts = text.split('/');
  if (parts.length === 2 && parts[0] === SELF && parts[1]) return { service_account_id: null, user_id: null, owner: SELF, token_id: parts[1] };
  const [tenant, rest] = parts.length === 4 ? [parts[0] ?? null, parts.slice(1)] : [null, parts];
  const [kind, owner, tokenId, ...extra] = rest;
  if (kind === undefined || !owner || !tokenId || extra.length > 0) return undefined;
  if (tenant === '') return undefined;
  if (kind === 'service-account') return { service_account_id: owner, tenant_id: tenant, token_id: tokenId };
  if (kind === 'user' && tenant === null) return { service_account_id: null, user_id: owner, token_id: tokenId };
  return undefined;
}

/**
 * Who owns the token `tokenId`, for a bare token id (the official provider's import id): the service accounts of
 * the provider's tenant, then the users of the instance, whom only a superadmin may list. Undefined when no owner
 * these credentials can see has it.
 */
export async function findTokenOwner(tokenId: string, ctx: { readonly client: KestraContext }): Promise<TokenAddress | undefined> {
  const { api } = ctx.client;
  const holds = async (ref: TokenOwnerRef) => (await tokenOwner(ref, ctx).list()).some((t) => t.id === tokenId);
  for (const account of await api.serviceAccounts.all({ tenant: ctx.client.defaultTenant })) {
    const ref = { service_account_id: account.id, tenant_id: null };
    if (await holds(ref)) return { ...ref, token_id: tokenId };
  }
  const users = await api.users.search('').catch((error: unknown) => {
    if (isKestraError(error, 'KESTRA_FORBIDDEN')) return [];
    throw error;
  });
  for (const user of users) {
    const ref = { service_account_id: null, user_id: user.id };
    if (await holds(ref)) return { ...ref, token_id: tokenId };
  }
  return undefined;
}

/** User tokens (the caller's own too) are instance-level: a `tenant_id` beside `user_id` or `owner` is a mistake, refused at validate. */
export const userTokensHaveNoTenant: ConfigValidator<{ readonly user_id?: unknown; readonly owner?: unknown; readonly tenant_id: unknown }> = {
  description: 'tenant_id only for service-account tokens',
  validate(config, diagnostics) {
    if (((config.user_id ?? null) === null && (config.owner ?? null) === null) || config.tenant_id === null) return;
    diagnostics.addAttributeError(
      AttributePath.root('tenant_id'),
      'tenant_id on a user token',
      'User tokens (the caller\'s own too) are instance-level: they belong to no tenant. Remove tenant_id, or use service_account_id for a token of a tenant\'s service account.',
    );
  },
};

/** Rotation is due when the token expired, or expires within `rotateBefore` (a duration) from now. */
export function dueForRotation(state: { readonly expires_at: string | null; readonly expired: boolean }, rotateBefore: string, nowMs: number): boolean {
  const window = parseJavaDurationMillis(rotateBefore);
  if (state.expires_at === null || window === undefined) return false;
  return state.expired || nowMs >= Date.parse(state.expires_at) - window;
}

/**
 * The create protocol's view of a token. Names may repeat (a replacement lives beside the token it replaces),
 * so only a token of the name that appears during the create, with what it sent, is its own. A token whose
 * create answer was lost is useless (nobody will ever see its secret): it is deleted and the create sent again,
 * so no unknown credential lingers; a sibling made by another create is never deleted.
 */
export function tokenCreateTarget(
  ctx: { readonly client: KestraContext },
  ref: TokenOwnerRef,
  request: CreateApiTokenRequest,
): CreateTarget<CreateApiTokenResponse, ApiToken> {
  const owner = tokenOwner(ref, ctx);
  const scope =
    ref.service_account_id !== null
      ? ['service-account', ref.tenant_id ?? ctx.client.defaultTenant, ref.service_account_id]
      : ref.user_id !== null
        ? ['user', ref.user_id]
        : [SELF];
  return {
    what: `API token ${JSON.stringify(request.name)}`,
    key: objectKey(ctx.client.api.endpoint, ...scope, 'api-token', request.name),
    create: () => owner.create(request),
    find: async () => (await owner.list()).filter((t) => t.name === request.name),
    sentBy: (found) => madeBy(found, request),
    discard: async (found) => void (await orNullIfGone(owner.delete(found.id))),
  };
}

/** A token listed as this request would make it: same description, same extension, and a lifetime of `maxAge`. */
function madeBy(token: ApiToken, request: CreateApiTokenRequest): boolean {
  if ((token.description || '') !== (request.description ?? '') || (token.extended ?? false) !== (request.extended ?? false)) return false;
  const maxAge = request.maxAge === undefined ? undefined : parseJavaDurationMillis(request.maxAge);
  if (maxAge === undefined) return token.exp === undefined;
  if (token.exp === undefined || token.iat === undefined) return false;
  // An extended token that was used has moved its expiry: its lifetime no longer shows.
  return (token.extended === true && token.lastUsed !== undefined) || Math.abs(Date.parse(token.exp) - Date.parse(token.iat) - maxAge) < 1_000;
}
