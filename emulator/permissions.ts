/**
 * The role permission vocabulary the emulator serves (common/kestra-permissions.ts), what each guarded
 * endpoint requires, and the managed roles every tenant starts with.
 */

import { VOCABULARIES, type KestraVersion, type Vocabulary } from '../common/kestra-permissions.js';

export type { KestraVersion, Vocabulary };

export type Permissions = Record<string, string[]>;

export function vocabularyFor(version: KestraVersion): Vocabulary {
  return VOCABULARIES[version];
}

/** The guarded operations, named by what they do rather than by version-specific action names. */
export type GuardedOperation =
  | 'get'
  | 'list'
  | 'create'
  | 'update'
  | 'delete'
  | 'listMembers'
  | 'addMember'
  | 'changeMembership'
  | 'removeMember';

export type GuardedResource = 'SERVICE_ACCOUNT' | 'ROLE' | 'BINDING' | 'GROUP' | 'TENANT_ACCESS' | 'INVITATION' | 'FLOW' | 'EXECUTION';

export interface Requirement {
  permission: string;
  action: string;
}

const CRUD_1_3: Record<'get' | 'list' | 'create' | 'update' | 'delete', string> = {
  get: 'READ',
  list: 'READ',
  create: 'CREATE',
  update: 'UPDATE',
  delete: 'DELETE',
};

const CRUD_2_0: Record<'get' | 'list' | 'create' | 'update' | 'delete', string> = {
  get: 'VIEW',
  list: 'LIST',
  create: 'CREATE',
  update: 'UPDATE',
  delete: 'DELETE',
};

export function requirementFor(version: KestraVersion, resource: GuardedResource, operation: GuardedOperation): Requirement {
  switch (operation) {
    case 'listMembers':
      return version === '2.0' ? { permission: 'GROUP', action: 'VIEW' } : { permission: 'GROUP_MEMBERSHIP', action: 'READ' };
    case 'addMember':
      return version === '2.0' ? { permission: 'GROUP', action: 'MANAGE_MEMBERS' } : { permission: 'GROUP_MEMBERSHIP', action: 'CREATE' };
    case 'changeMembership':
      return version === '2.0' ? { permission: 'GROUP', action: 'MANAGE_MEMBERS' } : { permission: 'GROUP_MEMBERSHIP', action: 'UPDATE' };
    case 'removeMember':
      return version === '2.0' ? { permission: 'GROUP', action: 'MANAGE_MEMBERS' } : { permission: 'GROUP_MEMBERSHIP', action: 'DELETE' };
    default:
      return { permission: resource, action: (version === '2.0' ? CRUD_2_0 : CRUD_1_3)[operation] };
  }
}

export interface ManagedRole {
  key: string;
  name: string;
  description: string;
  permissions: Permissions;
}

const NON_IAM_1_3 = [
  'FLOW', 'BLUEPRINT', 'TEMPLATE', 'NAMESPACE', 'EXECUTION', 'SECRET', 'KVSTORE', 'APP', 'ASSET', 'APPEXECUTION',
  'TEST', 'DASHBOARD', 'CREDENTIAL', 'AI_COPILOT',
];

const NON_IAM_2_0 = [
  'FLOW', 'EXECUTION', 'TRIGGER', 'NAMESPACE', 'KVSTORE', 'REUSABLE_INPUTS', 'DASHBOARD', 'SECRET', 'CREDENTIAL',
  'BLUEPRINT', 'APP', 'TESTSUITE', 'ASSET', 'COPILOT', 'APP_EXECUTION', 'NAMESPACE_FILE', 'TESTSUITE_RUN',
];

function grant(types: readonly string[], actions: readonly string[]): Permissions {
  return Object.fromEntries(types.map((t) => [t, [...actions]]));
}

/** Approximations of the roles Kestra ships (Admin, Developer, Editor, Launcher, Viewer). */
export function managedRoles(version: KestraVersion): ManagedRole[] {
  const v = vocabularyFor(version);
  const everything = v.permissionTypes.filter((t) => t !== 'UNKNOWN');
  const allActions = v.actions.filter((a) => a !== 'UNKNOWN');
  if (version === '2.0') {
    return [
      { key: 'admin', name: 'Admin', description: 'Full access to the tenant.', permissions: grant(everything, allActions) },
      { key: 'developer', name: 'Developer', description: 'Builds and runs flows.', permissions: grant(NON_IAM_2_0, allActions) },
      {
        key: 'editor',
        name: 'Editor',
        description: 'Edits flows and their resources.',
        permissions: grant(NON_IAM_2_0, ['VIEW', 'LIST', 'CREATE', 'UPDATE', 'EXECUTE']),
      },
      {
        key: 'launcher',
        name: 'Launcher',
        description: 'Runs flows.',
        permissions: { FLOW: ['VIEW', 'LIST', 'EXECUTE'], EXECUTION: ['VIEW', 'LIST', 'CREATE'], APP: ['VIEW', 'LIST', 'EXECUTE'] },
      },
      { key: 'viewer', name: 'Viewer', description: 'Read-only access.', permissions: grant(NON_IAM_2_0, ['VIEW', 'LIST']) },
    ];
  }
  return [
    { key: 'admin', name: 'Admin', description: 'Full access to the tenant.', permissions: grant(everything, allActions) },
    { key: 'developer', name: 'Developer', description: 'Builds and runs flows.', permissions: grant(NON_IAM_1_3, allActions) },
    {
      key: 'editor',
      name: 'Editor',
      description: 'Edits flows and their resources.',
      permissions: grant(NON_IAM_1_3, ['READ', 'CREATE', 'UPDATE']),
    },
    {
      key: 'launcher',
      name: 'Launcher',
      description: 'Runs flows.',
      permissions: { FLOW: ['READ'], EXECUTION: ['READ', 'CREATE', 'UPDATE'], APP: ['READ'], APPEXECUTION: ['READ', 'CREATE'] },
    },
    { key: 'viewer', name: 'Viewer', description: 'Read-only access.', permissions: grant(NON_IAM_1_3, ['READ']) },
  ];
}
