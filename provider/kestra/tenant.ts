/** Per-resource tenants: the `tenant_id` attribute, its planning, tenant-scoped import ids, the tenant of a service account. */
import { isKestraError } from '../client/errors.js';
import { AttributePath, optionalComputed, requiresReplace, ResourceError, stringType, type Planned } from '../framework/index.js';
import type { KestraContext } from '../provider-config.js';
import { nonBlank } from './names.js';
import { orNullIfGone } from './not-found.js';

export const tenantIdAttribute = optionalComputed(stringType, {
  description: 'Tenant the object lives in. Defaults to the provider\'s `tenant_id`. Changing it replaces the object.',
  validators: [nonBlank],
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

type Ctx = { readonly client: KestraContext };

/**
 * The importState of a tenant-scoped resource: the state `fetch` finds for the id, in its tenant. An id without a
 * tenant is looked for in `tenantOfBareId`'s answer when given, else in the provider's tenant.
 */
export function importTenantScoped<S>(fetch: (ctx: Ctx, id: string, tenant: string) => Promise<S | null>, tenantOfBareId?: (ctx: Ctx, id: string) => Promise<string>) {
  return async ({ id }: { id: string }, ctx: Ctx): Promise<S | null> => {
    const ref = parseTenantScopedId(id, ctx);
    const tenant = !id.includes('/') && tenantOfBareId ? await tenantOfBareId(ctx, ref.id) : ref.tenant;
    return fetch(ctx, ref.id, tenant);
  };
}

/**
 * The tenant a service account is in, for a token (or an import) that names none: the provider's tenant when the
 * account is there, else the single tenant the instance-level view gives it. A caller who may not read that view
 * (not a superadmin) gets the provider's tenant, where the server then reports the account missing.
 */
export async function serviceAccountTenant(ctx: { readonly client: KestraContext }, serviceAccountId: string): Promise<string> {
  const { api, defaultTenant } = ctx.client;
  if ((await orNullIfGone(api.serviceAccounts.get(serviceAccountId, { tenant: defaultTenant }))) !== null) return defaultTenant;
  let tenants: string[];
  try {
    tenants = ((await api.serviceAccounts.getInstance(serviceAccountId)).tenants ?? []).map((t) => t.id);
  } catch (error) {
    if (isKestraError(error, 'KESTRA_FORBIDDEN') || isKestraError(error, 'KESTRA_NOT_FOUND')) return defaultTenant;
    throw error;
  }
  const [only, ...others] = tenants;
  if (only === undefined) return defaultTenant;
  if (others.length > 0) {
    throw new ResourceError(
      'service account in several tenants',
      `Service account ${serviceAccountId} is not in the provider's tenant ${defaultTenant} but in ${tenants.join(', ')}: set tenant_id ` +
        '(or import <tenant>/<id>) to say which tenant is meant.',
      { attribute: AttributePath.root('tenant_id') },
    );
  }
  return only;
}
