/** Path parameters and query strings of the API routes, for fastify's typed route generics. */

export type QueryString = Record<string, string | string[] | undefined>;

/** The generic of a route without path parameters. */
export interface QueryRoute {
  Querystring: QueryString;
}

/** The generic of a route with these path parameters: `app.get<Route<TenantAndId>>(…)`. */
export interface Route<P> {
  Params: P;
  Querystring: QueryString;
}

export interface Id {
  id: string;
}

export interface Tenant {
  tenant: string;
}

export interface TenantAndId {
  tenant: string;
  id: string;
}
