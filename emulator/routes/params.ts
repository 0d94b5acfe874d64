/** Typed access to the path parameters and query strings fastify hands to handlers. */

export type Params = Record<string, string>;
export type Query = Record<string, unknown>;

export function params(request: { params: unknown }): Params {
  return request.params as Params;
}

export function query(request: { query: unknown }): Query {
  return request.query as Query;
}
