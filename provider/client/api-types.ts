/**
 * Request and response bodies of the Kestra EE 1.3 IAM API (OpenAPI `kestra-ee.yml`, info.version 1.3.26).
 * Optional fields are the ones the spec does not mark required or that the server omits when empty.
 */

export interface PagedResults<T> {
  results: T[];
  total: number;
}

export interface Paging {
  /** 1-based. */
  page?: number;
  size?: number;
}

export interface IdRef {
  id: string;
}

export interface ApiTenantSummary {
  id: string;
  name?: string;
}

// --- Service accounts ---------------------------------------------------------------------------------------

/** `IAMServiceAccountController.ApiServiceAccountRequest`: tenant-scoped create and full-body update. */
export interface ApiServiceAccountRequest {
  /** `^(?=.{1,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$` */
  name: string;
  description?: string;
  superAdmin?: boolean;
  groups?: IdRef[];
}

/** `IAMServiceAccountController.ApiServiceAccountResponse`. */
export interface ApiServiceAccountResponse {
  id: string;
  name: string;
  description?: string;
  groups?: IdRef[] | null;
  superAdmin?: boolean;
}

/** `IAMServiceAccountController.ApiServiceAccountDetail`: the instance-level view. */
export interface ApiServiceAccountDetail {
  id: string;
  name: string;
  description?: string;
  tenants?: ApiTenantSummary[];
  superAdmin?: boolean;
}

/** `IAMTenantAccessController.ApiUserTenantAccess`: items of the tenant service-account list; `username` is the name. */
export interface ApiUserTenantAccess {
  id: string;
  username: string;
  displayName?: string;
  description?: string;
  groups?: { id: string; name?: string; external?: boolean }[];
  auths?: { name?: string; type?: string }[];
}

// --- API tokens ---------------------------------------------------------------------------------------------

export interface CreateApiTokenRequest {
  /** Same DNS-label pattern as service-account names. */
  name: string;
  description?: string;
  /** ISO-8601 duration (`PT1H`, `P30D`); absent means the token never expires. */
  maxAge?: string;
  /** Push the expiry forward by `maxAge` on each use. */
  extended?: boolean;
}

/** Returned once, at creation: `fullToken` is the secret. */
export interface CreateApiTokenResponse {
  id: string;
  name: string;
  fullToken: string;
}

export interface ApiToken {
  id: string;
  name: string;
  description?: string;
  prefix?: string;
  /** RFC 3339 date-times. */
  iat?: string;
  exp?: string;
  lastUsed?: string;
  extended?: boolean;
  expired?: boolean;
}

export interface ApiTokenList {
  results: ApiToken[];
  total?: number;
}

// --- Roles --------------------------------------------------------------------------------------------------

/** Kestra 1.x permission map: `{ FLOW: ['READ', 'UPDATE'], ... }`. */
export type RolePermissions = Record<string, string[]>;

/** `IAMRoleController.ApiRoleCreateOrUpdateRequest`. */
export interface ApiRoleCreateOrUpdateRequest {
  name: string;
  description?: string;
  permissions: RolePermissions;
  isDefault?: boolean;
}

/** `IAMRoleController.ApiRoleDetail`. */
export interface ApiRoleDetail {
  id: string;
  name: string;
  description?: string;
  permissions: RolePermissions;
  isDefault?: boolean;
  isManaged?: boolean;
}

/** Items of `/roles/search`. */
export interface ApiRoleSummary {
  id: string;
  name: string;
  isDefault?: boolean;
  isManaged?: boolean;
}

// --- Bindings -----------------------------------------------------------------------------------------------

/** A service account is bound as `USER`. */
export type BindingType = 'USER' | 'GROUP';

export type UserType = 'STANDARD' | 'SERVICE_ACCOUNT';

/** `IAMBindingController.ApiCreateBindingRequest`. Leave `namespaceId` out for a tenant-wide binding. */
export interface ApiCreateBindingRequest {
  type: BindingType;
  externalId: string;
  roleId: string;
  namespaceId?: string;
}

/** `IAMBindingController.ApiBindingDetail`; note the namespace comes back as `namespace`. */
export interface ApiBindingDetail {
  id: string;
  type: BindingType;
  namespace?: string | null;
  role: { id: string; name?: string };
  group?: { id: string; name?: string } | null;
  user?: { id: string; username?: string; displayName?: string; type?: UserType } | null;
}

export interface BindingSearch {
  type?: BindingType;
  /** The bound user or group id (the server's `id` filter). */
  externalId?: string;
  namespace?: string;
}

// --- Users --------------------------------------------------------------------------------------------------

/** `IAMUserController.ApiCreateOrUpdateUserRequest`. */
export interface ApiCreateOrUpdateUserRequest {
  email: string;
  tenants?: string[];
  groups?: string[];
  firstName?: string;
  lastName?: string;
  password?: string;
  superAdmin?: boolean;
  restricted?: boolean;
}

/** `IAMUserController.ApiUser`. */
export interface ApiUser {
  id: string;
  username?: string;
  displayName?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  tenants?: ApiTenantSummary[];
  auths?: { id?: string; name?: string; type?: string }[];
  groups?: { id: string; tenantId?: string }[];
  superAdmin?: boolean;
  restricted?: boolean;
}

/** `IAMUserController.ApiUserSummary`: items of the instance-level user list. */
export interface ApiUserSummary {
  id: string;
  username?: string;
  displayName?: string;
  tenants?: ApiTenantSummary[];
  superAdmin?: boolean;
}

/** `MiscController.EEConfiguration`, of which the client reads only what says which server it is. */
export interface ApiConfiguration {
  /** The release, for example `1.3.26` or `2.0.0`. */
  version?: string;
  edition?: 'OSS' | 'EE';
}

/** `MeController.ApiMe`: who the credentials belong to. */
export interface ApiMe {
  id: string;
  superAdmin?: boolean;
  restricted?: boolean;
  profile?: { email?: string; firstName?: string; lastName?: string; username?: string };
  auths?: { name?: string; type?: string }[];
  tenants?: { id: string; name?: string; logo?: string }[];
}

// --- Groups -------------------------------------------------------------------------------------------------

/** `IAMGroupController.ApiCreateGroupRequest`. */
export interface ApiCreateGroupRequest {
  name: string;
  description?: string;
  membersId?: string[];
}

/** `IAMGroupController.ApiUpdateGroupRequest`: a full replacement of the group's own fields. */
export interface ApiUpdateGroupRequest {
  name: string;
  description?: string;
}

/** `IAMGroupController.ApiGroupDetail`. */
export interface ApiGroupDetail {
  id: string;
  name: string;
  description?: string;
}

/** `GroupIdentifier.Membership`. */
export type GroupMembership = 'OWNER' | 'MEMBER';

/** `IAMGroupController.ApiGroupMember`: a member with every group it belongs to in the tenant. */
export interface ApiGroupMember {
  id: string;
  username?: string;
  displayName?: string;
  groups?: { id: string; name?: string; external?: boolean; membership?: GroupMembership }[];
}
