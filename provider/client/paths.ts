import { KestraConfigError } from './errors.js';

export type QueryValue = string | number | boolean | undefined;

/** Builds API paths; every segment is URL-encoded, so ids and tenants may hold any character. */
export class ApiPaths {
  readonly #defaultTenant: string;

  constructor(defaultTenant: string) {
    this.#defaultTenant = defaultTenant;
  }

  /** The call's tenant, or the client's when the call names none. */
  resolveTenant(tenant: string | undefined): string {
    const chosen = tenant ?? this.#defaultTenant;
    if (!chosen) throw new KestraConfigError('tenant must not be empty');
    return chosen;
  }

  /** `/api/v1/{tenant}/...`, with the client's tenant unless the call names another. */
  tenant(tenant: string | undefined, ...segments: string[]): string {
    return apiPath(this.resolveTenant(tenant), ...segments);
  }

  /** `/api/v1/...`, for instance-level (superadmin) endpoints. */
  instance(...segments: string[]): string {
    return apiPath(...segments);
  }
}

function apiPath(...segments: string[]): string {
  return ['/api/v1', ...segments.map((s) => encodeURIComponent(s))].join('/');
}

/** Appends the defined query parameters, in the given order. */
export function withQuery(path: string, query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) params.append(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
