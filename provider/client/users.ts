import type { ApiConfiguration, ApiCreateOrUpdateUserRequest, ApiMe, ApiUser } from './api-types.js';
import { SUPER_ADMIN } from './call-options.js';
import { collectPages } from './paging.js';
import { withQuery, type ApiPaths } from './paths.js';
import { isUser } from './shapes.js';
import type { Transport } from './transport.js';

/** Users are instance-level (superadmin-only), except `getMe` and `getConfiguration`, which any caller may use. */
export class UsersApi {
  readonly #transport: Transport;
  readonly #paths: ApiPaths;

  constructor(transport: Transport, paths: ApiPaths) {
    this.#transport = transport;
    this.#paths = paths;
  }

  async create(body: ApiCreateOrUpdateUserRequest): Promise<ApiUser> {
    return this.#transport.json({
      method: 'POST',
      path: this.#paths.instance('users'),
      body,
      requires: SUPER_ADMIN,
      ...(body.password ? { secrets: [body.password] } : {}),
    }, isUser);
  }

  async get(id: string): Promise<ApiUser> {
    return this.#transport.json({ method: 'GET', path: this.#paths.instance('users', id), requires: SUPER_ADMIN });
  }

  async delete(id: string): Promise<void> {
    return this.#transport.send({ method: 'DELETE', path: this.#paths.instance('users', id), requires: SUPER_ADMIN });
  }

  /** Every user of the instance, page after page. */
  async all(): Promise<ApiUser[]> {
    return collectPages((page, size) =>
      this.#transport.json({ method: 'GET', path: withQuery(this.#paths.instance('users'), { page, size }), requires: SUPER_ADMIN }),
    );
  }

  /** The instance configuration, readable by any authenticated caller: which release the server runs. */
  async getConfiguration(): Promise<ApiConfiguration> {
    return this.#transport.json({ method: 'GET', path: this.#paths.instance('configs') });
  }

  /** The identity behind the configured credentials; a cheap credentials check. */
  async getMe(): Promise<ApiMe> {
    return this.#transport.json({ method: 'GET', path: this.#paths.instance('me') });
  }
}
