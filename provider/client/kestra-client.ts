import { ApiTokensApi } from './api-tokens.js';
import { BindingsApi } from './bindings.js';
import { resolveConfig, type KestraClientOptions } from './config.js';
import { GroupsApi } from './groups.js';
import { ApiPaths } from './paths.js';
import { RolesApi } from './roles.js';
import { ServiceAccountsApi } from './service-accounts.js';
import { TenantAccessApi, TenantsApi } from './tenants.js';
import { Transport } from './transport.js';
import { UsersApi } from './users.js';

interface ClientParts {
  endpoint: string;
  transport: Transport;
  paths: ApiPaths;
}

function clientParts(options: KestraClientOptions): ClientParts {
  const config = resolveConfig(options);
  return {
    endpoint: config.origin + config.basePath,
    transport: new Transport(config, options.dispatcher, options.logger, options.stopSignal),
    paths: new ApiPaths(config.tenantId),
  };
}

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
  readonly #paths: ApiPaths;
  readonly #options: KestraClientOptions;

  /** `parts`: only from `operation()`, what the operation's client is made of. */
  constructor(options: KestraClientOptions, parts: ClientParts = clientParts(options)) {
    this.endpoint = parts.endpoint;
    this.#transport = parts.transport;
    this.#paths = parts.paths;
    this.#options = options;
    const { paths } = parts;
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
   * This client for one operation (a resource create, a read...): every call made through it shares one
   * timeout, retries and waits included, instead of each call getting its own. It shares the connection pool.
   */
  operation(): KestraClient {
    return new KestraClient(this.#options, { endpoint: this.endpoint, transport: this.#transport.forOperation(), paths: this.#paths });
  }

  /** Milliseconds left in this operation's timeout (the whole timeout outside an operation). */
  remainingMs(): number {
    return this.#transport.remainingMs();
  }

  /** Closes the client's own connection pool (an injected dispatcher is left to its owner). */
  close(): Promise<void> {
    return this.#transport.close();
  }
}
