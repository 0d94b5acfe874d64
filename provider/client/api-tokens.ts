import type { ApiToken, ApiTokenList, CreateApiTokenRequest, CreateApiTokenResponse } from './api-types.js';
import { permissionOn, SUPER_ADMIN, type TenantOption } from './call-options.js';
import type { ApiPaths } from './paths.js';
import { isCreatedToken } from './shapes.js';
import type { Transport } from './transport.js';

const CALLER = 'only that the caller is a user authenticated as themself (any user may manage their own tokens)';

/** The token calls of one owner, a service account or a user: the same three verbs on different paths. */
export interface TokenOwnerApi {
  /** Never retried; the answer holds the only copy of `fullToken`, which is never logged or quoted, and redacted from then on. */
  create(body: CreateApiTokenRequest): Promise<CreateApiTokenResponse>;
  /** Every token of the owner (the endpoint has no paging); the only way to read a token back. */
  list(): Promise<ApiToken[]>;
  delete(tokenId: string): Promise<void>;
}

export class ApiTokensApi {
  readonly #transport: Transport;
  readonly #paths: ApiPaths;

  constructor(transport: Transport, paths: ApiPaths) {
    this.#transport = transport;
    this.#paths = paths;
  }

  /** Tokens of a service account: `/api/v1/{tenant}/service-accounts/{id}/api-tokens`. */
  ofServiceAccount(serviceAccountId: string, opts: TenantOption = {}): TokenOwnerApi {
    const base = this.#paths.tenant(opts.tenant, 'service-accounts', serviceAccountId, 'api-tokens');
    return this.#owner(base, permissionOn('SERVICE_ACCOUNT', this.#paths.resolveTenant(opts.tenant)));
  }

  /** Tokens of a user, instance-level: `/api/v1/users/{id}/api-tokens`. */
  ofUser(userId: string): TokenOwnerApi {
    return this.#owner(this.#paths.instance('users', userId, 'api-tokens'), SUPER_ADMIN);
  }

  /** Tokens of the caller itself, any user authenticated with their own credentials: `/api/v1/me/api-tokens`. */
  ofCurrentUser(): TokenOwnerApi {
    return this.#owner(this.#paths.instance('me', 'api-tokens'), CALLER);
  }

  #owner(base: string, requires: string): TokenOwnerApi {
    const transport = this.#transport;
    return {
      async create(body) {
        const created = await transport.json({ method: 'POST', path: base, body, secretResponse: true, requires }, isCreatedToken);
        transport.addSecret(created.fullToken);
        return created;
      },
      async list() {
        const body = await transport.json<ApiTokenList>({ method: 'GET', path: base, requires });
        return body.results ?? [];
      },
      async delete(tokenId) {
        return transport.send({ method: 'DELETE', path: `${base}/${encodeURIComponent(tokenId)}`, requires });
      },
    };
  }
}
