import type { ApiBindingDetail, ApiGroupDetail, ApiGroupMember, ApiMe, ApiRoleDetail, ApiServiceAccountResponse, ApiUser, CreateApiTokenResponse } from './api-types.js';

/**
 * What a create or update answer must hold for the caller to record the object: its `id` and the fields the
 * provider's model is built from. An answer that lacks them is refused as a bad response (and, for a create,
 * as an unknown outcome), never recorded with `id = null`.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isId = (value: unknown): value is string => typeof value === 'string' && value !== '';
const optional = (value: unknown, check: (v: unknown) => boolean) => value === undefined || value === null || check(value);
const isString = (value: unknown) => typeof value === 'string';
const isRefList = (value: unknown) => Array.isArray(value) && value.every((item) => isObject(item) && isId(item.id));

export function isServiceAccount(body: unknown): body is ApiServiceAccountResponse {
  return (
    isObject(body) &&
    isId(body.id) &&
    isString(body.name) &&
    optional(body.description, isString) &&
    optional(body.superAdmin, (v) => typeof v === 'boolean') &&
    optional(body.groups, isRefList)
  );
}

export function isRole(body: unknown): body is ApiRoleDetail {
  const permissions = isObject(body) ? body.permissions : undefined;
  return (
    isObject(body) &&
    isId(body.id) &&
    isString(body.name) &&
    optional(body.description, isString) &&
    isObject(permissions) &&
    Object.values(permissions).every((actions) => Array.isArray(actions) && actions.every(isString))
  );
}

export function isBinding(body: unknown): body is ApiBindingDetail {
  return isObject(body) && isId(body.id) && isObject(body.role) && isId(body.role.id) && (body.type === 'USER' || body.type === 'GROUP');
}

export function isCreatedToken(body: unknown): body is CreateApiTokenResponse {
  return isObject(body) && isId(body.id) && isString(body.name) && typeof body.fullToken === 'string' && body.fullToken !== '';
}

export function isGroup(body: unknown): body is ApiGroupDetail {
  return isObject(body) && isId(body.id) && isString(body.name);
}

export function isGroupMember(body: unknown): body is ApiGroupMember {
  return (
    isObject(body) &&
    isId(body.id) &&
    optional(body.groups, (groups) => Array.isArray(groups) && groups.every((g) => isObject(g) && isId(g.id) && optional(g.membership, (m) => m === 'OWNER' || m === 'MEMBER')))
  );
}

export function isUser(body: unknown): body is ApiUser {
  return (
    isObject(body) &&
    isId(body.id) &&
    isString(body.email) &&
    optional(body.firstName, isString) &&
    optional(body.lastName, isString) &&
    optional(body.superAdmin, (v) => typeof v === 'boolean') &&
    optional(body.groups, isRefList)
  );
}

export function isMe(body: unknown): body is ApiMe {
  return (
    isObject(body) &&
    isId(body.id) &&
    optional(body.superAdmin, (v) => typeof v === 'boolean') &&
    optional(body.profile, isObject) &&
    optional(body.tenants, isRefList)
  );
}
