import type { ApiBindingDetail, ApiCreateBindingRequest, BindingSearch, PagedResults } from './api-types.js';
import { permissionOn, type TenantOption } from './call-options.js';
import { collectPages } from './paging.js';
import { withQuery, type ApiPaths } from './paths.js';
import { isBinding } from './shapes.js';
import type { Transport } from './transport.js';

/** Role bindings; they are immutable on the server (no update call). */
export class BindingsApi {
  readonly #transport: Transport;
  readonly #paths: ApiPaths;

  constructor(transport: Transport, paths: ApiPaths) {
    this.#transport = transport;
    this.#paths = paths;
  }

  /** Never retried: on an ambiguous failure, look the binding up with `search`. */
  async create(request: ApiCreateBindingRequest, opts: TenantOption = {}): Promise<ApiBindingDetail> {
    const { namespaceId, ...rest } = request;
    // An empty namespaceId used to break the server's binding system; send it only when set.
    const body = namespaceId ? { ...rest, namespaceId } : rest;
    return this.#transport.json({ method: 'POST', path: this.#path(opts), body, requires: this.#requires(opts) }, isBinding);
  }

  async get(id: string, opts: TenantOption = {}): Promise<ApiBindingDetail> {
    return this.#transport.json({ method: 'GET', path: this.#path(opts, id), requires: this.#requires(opts) }, isBinding);
  }

  async delete(id: string, opts: TenantOption = {}): Promise<void> {
    return this.#transport.send({ method: 'DELETE', path: this.#path(opts, id), requires: this.#requires(opts) });
  }

  /** Every binding matching the filters, all pages read. */
  async search(filter: BindingSearch = {}, opts: TenantOption = {}): Promise<ApiBindingDetail[]> {
    return collectPages((page, size) => {
      const path = withQuery(this.#path(opts, 'search'), {
        type: filter.type,
        id: filter.externalId,
        namespace: filter.namespace,
        page,
        size,
      });
      return this.#transport.json<PagedResults<ApiBindingDetail>>({ method: 'GET', path, requires: this.#requires(opts) });
    });
  }

  #path(opts: TenantOption, ...rest: string[]): string {
    return this.#paths.tenant(opts.tenant, 'bindings', ...rest);
  }

  #requires(opts: TenantOption): string {
    return permissionOn('BINDING', this.#paths.resolveTenant(opts.tenant));
  }
}
