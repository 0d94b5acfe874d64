import { ApiTokensApi } from './api-tokens.js';
import { BindingsApi } from './bindings.js';
import { resolveConfig, type KestraClientOptions } from './config.js';
import { remainingMs, withinDeadline } from './deadline.js';
import { GroupsApi } from './groups.js';
import { ApiPaths } from './paths.js';
import { RolesApi } from './roles.js';
import { ServiceAccountsApi } from './service-accounts.js';
import { TenantAccessApi, TenantsApi } from './tenants.js';
import { Transport } from './transport.js';
import { UsersApi } from './users.js';

/**
 * Typed client of the Kestra EE IAM API. One instance holds one keep-alive connection pool; call `close()`
 * when done. Tenant-scoped methods take `{ tenant }` to override the client's `tenantId` for one call.
 */
export class KestraClient {
  readonly serviceAccounts: ServiceAccountsApi;
  readonly apiTokens: ApiTokensApi;
  readonly roles: RolesApi;
  readonly bindings: BindingsApi;
  readonly users: UsersApi;
  readonly groups: GroupsApi;
  readonly tenants: TenantsApi;
  readonly tenantAccess: TenantAccessApi;
  /** The server this client talks to: origin and path prefix, without credentials. */
  readonly endpoint: string;
  readonly #transport: Transport;
  readonly #timeoutMs: number;

  constructor(options: KestraClientOptions) {
    const config = resolveConfig(options);
    this.endpoint = config.origin + config.basePath;
    this.#timeoutMs = config.timeoutMs;
    this.#transport = new Transport(config, options.dispatcher, options.logger, options.stopSignal);
    const paths = new ApiPaths(config.tenantId);
    this.serviceAccounts = new ServiceAccountsApi(this.#transport, paths);
    this.apiTokens = new ApiTokensApi(this.#transport, paths);
    this.roles = new RolesApi(this.#transport, paths);
    this.bindings = new BindingsApi(this.#transport, paths);
    this.users = new UsersApi(this.#transport, paths);
    this.groups = new GroupsApi(this.#transport, paths);
    this.tenants = new TenantsApi(this.#transport, paths);
    this.tenantAccess = new TenantAccessApi(this.#transport, paths);
  }

  /**
   * Runs `work` as one operation (a resource create, a read...): every call it makes shares one timeout,
   * retries and waits included, instead of each call getting its own.
   */
  operation<T>(work: () => Promise<T>): Promise<T> {
    return withinDeadline(this.#timeoutMs, work);
  }

  /** Milliseconds left in the current operation's timeout. */
  remainingMs(): number {
    return remainingMs(this.#timeoutMs);
  }

  /** Closes the client's own connection pool (an injected dispatcher is left to its owner). */
  close(): Promise<void> {
    return this.#transport.close();
  }
}
