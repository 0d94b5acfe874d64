/** Per-resource tenants: the `tenant_id` attribute, its planning, and tenant-scoped import ids. */
import { optionalComputed, notEmpty, requiresReplace, ResourceError, stringType, type Planned } from '../framework/index.js';
import type { KestraContext } from '../provider-config.js';

export const tenantIdAttribute = optionalComputed(stringType, {
  description: 'Tenant the object lives in. Defaults to the provider\'s `tenant_id`. Changing it replaces the object.',
  validators: [notEmpty()],
  planModifiers: [requiresReplace()],
});

/** The part of a plan request tenant planning reads and writes. */
export interface TenantPlanning {
  readonly config: { readonly tenant_id: Planned<string> };
  readonly plan: { tenant_id: Planned<string> };
  readonly state: { readonly tenant_id: string | null } | null;
  readonly client: KestraContext | undefined;
  requiresReplace(attribute: 'tenant_id'): void;
}

/**
 * Plans `tenant_id` as the configured value or the provider's tenant, known at plan time; a change of either
 * moves the object to another tenant, which means replacing it. A stored state without a tenant (moved from the
 * official provider, which used the provider's tenant, and not refreshed yet) is left for the refresh to fill in.
 */
export function planTenant(req: TenantPlanning): void {
  if (req.config.tenant_id !== null || !req.client) return;
  if (req.state !== null && req.state.tenant_id === null) return;
  req.plan.tenant_id = req.client.defaultTenant;
  if (req.state !== null && req.state.tenant_id !== req.client.defaultTenant) req.requiresReplace('tenant_id');
}

export function tenantOf(model: { readonly tenant_id: string | null }, ctx: { readonly client: KestraContext }): string {
  return model.tenant_id ?? ctx.client.defaultTenant;
}

/** `[<tenant>/]<id>`, the import id of tenant-scoped objects; the tenant is the provider's when not given. */
export function parseTenantScopedId(importId: string, ctx: { readonly client: KestraContext }): { id: string; tenant: string } {
  const slash = importId.indexOf('/');
  const [tenant, id] = slash === -1 ? [ctx.client.defaultTenant, importId] : [importId.slice(0, slash), importId.slice(slash + 1)];
  if (tenant === '' || id === '') throw new ResourceError('invalid import id', `Expected <id> or <tenant>/<id>; got ${JSON.stringify(importId)}.`);
  return { id, tenant };
}

/** The importState of a tenant-scoped resource: the state `fetch` finds for the id, in its tenant. */
export function importTenantScoped<S>(fetch: (ctx: { readonly client: KestraContext }, id: string, tenant: string) => Promise<S | null>) {
  return async ({ id }: { id: string }, ctx: { readonly client: KestraContext }): Promise<S | null> => {
    const ref = parseTenantScopedId(id, ctx);
    return fetch(ctx, ref.id, ref.tenant);
  };
}
