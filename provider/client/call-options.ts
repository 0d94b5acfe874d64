/** Per-call options of tenant-scoped methods. */
export interface TenantOption {
  /** Tenant of this call; the client's `tenantId` when absent. */
  tenant?: string;
}

export const SUPER_ADMIN = 'superadmin rights (an instance-level endpoint)';

/** What a service-account write needs when it makes the account a superadmin. */
export function permissionAndSuperAdmin(permission: string, tenant: string): string {
  return `${permissionOn(permission, tenant)}, and superadmin rights: only a superadmin can make a service account superadmin (super_admin = true)`;
}

export function permissionOn(permission: string, tenant: string): string {
  return `the ${permission} permission on tenant ${tenant}`;
}
