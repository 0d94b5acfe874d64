/** Pieces every Kestra resource shares: the name rule, per-resource tenants, lookups that tolerate a vanished object. */
import { isKestraError } from '../client/errors.js';
import { AttributePath } from '../framework/path.js';
import type { ModifyPlanRequest } from '../framework/resource.js';
import { optionalComputed } from '../framework/schema.js';
import { requiresReplace } from '../framework/plan-modifiers/requires-replace.js';
import { matchesPattern, notEmpty } from '../framework/validators/string-validators.js';
import { stringType } from '../framework/value-types.js';
import type { KestraContext } from '../provider-config.js';

/** Kestra's rule for service account and token names (a DNS label). */
export const kestraName = matchesPattern(
  /^(?=.{1,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$/,
  'at most 63 characters of lowercase letters, digits and hyphens, starting and ending with a letter or digit (for example "ci-bot")',
);

export const tenantIdAttribute = optionalComputed(stringType, {
  description: 'Tenant the object lives in. Defaults to the provider\'s `tenant_id`. Changing it replaces the object.',
  validators: [notEmpty()],
  planModifiers: [requiresReplace()],
});

/**
 * Plans `tenant_id` as the configured value or the provider's tenant, known at plan time; a change of either
 * moves the object to another tenant, which means replacing it.
 */
export function planTenant(req: ModifyPlanRequest<KestraContext>): void {
  if (req.config.tenant_id !== null || !req.client) return;
  req.plan.tenant_id = req.client.defaultTenant;
  if (req.state !== null && req.state.tenant_id !== req.client.defaultTenant) req.requiresReplace(AttributePath.root('tenant_id'));
}

export function tenantOf(model: { tenant_id: string | null }, ctx: { client: KestraContext }): string {
  return model.tenant_id ?? ctx.client.defaultTenant;
}

/** Runs a lookup; a 404 means the object is gone, which callers report as null. */
export async function orNullIfGone<T>(lookup: Promise<T>): Promise<T | null> {
  try {
    return await lookup;
  } catch (error) {
    if (isKestraError(error, 'KESTRA_NOT_FOUND')) return null;
    throw error;
  }
}

/** Deletes, treating "already gone" as success: the goal of a delete is reached either way. */
export async function deleteIfPresent(remove: Promise<unknown>): Promise<void> {
  await orNullIfGone(remove);
}

const CREATE_ATTEMPTS = 3;

/**
 * Creates an object whose create call may fail ambiguously (the connection dropped, a gateway timed out): the
 * object may or may not exist. Then look it up by its unique identity and adopt it, or, when it is not
 * there, create it again. The server never ends up with a duplicate, and the apply does not fail for a blip.
 */
export async function createOrAdopt<T>(create: () => Promise<T>, findCreated: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await create();
    } catch (error) {
      if (!isKestraError(error, 'KESTRA_AMBIGUOUS_WRITE') || attempt === CREATE_ATTEMPTS) throw error;
      const created = await findCreated();
      if (created !== undefined) return created;
    }
  }
}

/** The state an import id `[<tenant>/]<id>` gives; read fills in the rest. */
export async function importTenantScoped({ id }: { id: string }): Promise<{ id: string; tenant_id: string | null }> {
  const slash = id.indexOf('/');
  return slash === -1 ? { id, tenant_id: null } : { id: id.slice(slash + 1), tenant_id: id.slice(0, slash) };
}
