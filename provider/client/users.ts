import type { ApiConfiguration, ApiCreateOrUpdateUserRequest, ApiMe, ApiUser, ApiUserSummary, PagedResults, Paging } from './api-types.js';
import { SUPER_ADMIN } from './call-options.js';
import { collectPages } from './paging.js';
import { withQuery, type ApiPaths } from './paths.js';
import { isMe, isUser } from './shapes.js';
import type { Transport } from './transport.js';

/** Users are instance-level (superadmin-only), except `getMe` and `getConfiguration`, which any caller may use. */
export class UsersApi {
  readonly #transport: Transport;
  readonly #paths: ApiPaths;

  constructor(transport: Transport, paths: ApiPaths) {
    this.#transport = transport;
    this.#paths = paths;
  }

  /** Never retried: on an ambiguous failure, look the user up with `findByEmail`. */
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
    return this.#transport.json({ method: 'GET', path: this.#paths.instance('users', id), requires: SUPER_ADMIN }, isUser);
  }

  /** Names are replaced (a name left out is cleared); groups and tenants left out, and the password, are kept. */
  async update(id: string, body: ApiCreateOrUpdateUserRequest): Promise<ApiUser> {
    return this.#transport.json({
      method: 'PUT',
      path: this.#paths.instance('users', id),
      body,
      requires: SUPER_ADMIN,
      ...(body.password ? { secrets: [body.password] } : {}),
    }, isUser);
  }

  async setPassword(id: string, password: string): Promise<void> {
    await this.#transport.json({
      method: 'PATCH',
      path: this.#paths.instance('users', id, 'password'),
      body: { password },
      idempotent: true, // setting the same password twice is harmless
      requires: SUPER_ADMIN,
      secrets: [password],
    }, isUser);
  }

  async setSuperAdmin(id: string, superAdmin: boolean): Promise<void> {
    return this.#transport.send({
      method: 'PATCH',
      path: this.#paths.instance('users', id, 'superadmin'),
      body: { superAdmin },
      idempotent: true,
      requires: SUPER_ADMIN,
    });
  }

  async delete(id: string): Promise<void> {
    return this.#transport.send({ method: 'DELETE', path: this.#paths.instance('users', id), requires: SUPER_ADMIN });
  }

  /**
   * One page of users whose username (their email) matches `username` with `operation` (the server ignores
   * case); no filter lists them all.
   */
  async list(paging: Paging = {}, filter?: { username: string; operation: 'EQUALS' | 'CONTAINS' }): Promise<PagedResults<ApiUserSummary>> {
    const query = filter ? { [`filters[username][${filter.operation}]`]: filter.username } : {};
    const path = withQuery(this.#paths.instance('users'), { ...query, page: paging.page, size: paging.size });
    return this.#transport.json({ method: 'GET', path, requires: SUPER_ADMIN });
  }

  /** Every user whose username contains `text`, ignoring case (every user when `text` is empty), page after page. */
  async search(text: string): Promise<ApiUserSummary[]> {
    return collectPages((page, size) => this.list({ page, size }, text === '' ? undefined : { username: text, operation: 'CONTAINS' }));
  }

  /** The users whose email is `email`, ignoring case as the server does: one filtered call, not a walk of the list. */
  async findByEmail(email: string): Promise<ApiUserSummary[]> {
    const found = await collectPages((page, size) => this.list({ page, size }, { username: email, operation: 'EQUALS' }));
    return found.filter((user) => (user.username ?? '').toLowerCase() === email.toLowerCase());
  }

  /** The instance configuration, readable by any authenticated caller: which release the server runs. */
  async getConfiguration(): Promise<ApiConfiguration> {
    return this.#transport.json({ method: 'GET', path: this.#paths.instance('configs') });
  }

  /** The identity behind the configured credentials; a cheap credentials check. */
  async getMe(): Promise<ApiMe> {
    return this.#transport.json({ method: 'GET', path: this.#paths.instance('me') }, isMe);
  }
}
