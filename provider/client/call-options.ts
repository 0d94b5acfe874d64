/** Per-call options of tenant-scoped methods. */
export interface TenantOption {
  /** Tenant of this call; the client's `tenantId` when absent. */
  tenant?: string;
}

export const SUPER_ADMIN = 'super admin rights (instance-level endpoint)';

export function permissionOn(permission: string, tenant: string): string {
  return `the ${permission} permission on tenant ${tenant}`;
}
