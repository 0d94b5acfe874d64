/**
 * The role permission vocabulary of each Kestra version (from the `Permission`/`Action` enums of the 1.3
 * spec and the `Resource`/`Action` enums of the 2.0 spec), what each guarded endpoint requires, and the
 * managed roles every tenant starts with.
 */

export type KestraVersion = '1.3' | '2.0';

export type Permissions = Record<string, string[]>;

export interface Vocabulary {
  /** Name of the Java enum for permission keys, used in deserialization error messages. */
  permissionEnum: string;
  permissionTypes: readonly string[];
  actions: readonly string[];
}

const VOCABULARY_1_3: Vocabulary = {
  permissionEnum: 'io.kestra.ee.models.security.Permission',
  permissionTypes: [
    'FLOW', 'BLUEPRINT', 'TEMPLATE', 'NAMESPACE', 'EXECUTION', 'USER', 'GROUP', 'ROLE', 'BINDING', 'AUDITLOG',
    'SECRET', 'KVSTORE', 'IMPERSONATE', 'SETTING', 'APP', 'ASSET', 'APPEXECUTION', 'TEST', 'DASHBOARD',
    'TENANT_ACCESS', 'SERVICE_ACCOUNT', 'INVITATION', 'GROUP_MEMBERSHIP', 'CREDENTIAL', 'AI_COPILOT', 'UNKNOWN',
  ],
  actions: ['READ', 'CREATE', 'UPDATE', 'DELETE'],
};

const VOCABULARY_2_0: Vocabulary = {
  permissionEnum: 'io.kestra.ee.models.security.Resource',
  permissionTypes: [
    'FLOW', 'EXECUTION', 'TRIGGER', 'NAMESPACE', 'KVSTORE', 'REUSABLE_INPUTS', 'DASHBOARD', 'SECRET', 'CREDENTIAL',
    'BLUEPRINT', 'APP', 'AUDITLOG', 'SYSTEM_SETTINGS', 'TENANT_SETTINGS', 'TESTSUITE', 'ASSET', 'USER', 'GROUP',
    'ROLE', 'BINDING', 'SERVICE_ACCOUNT', 'INVITATION', 'COPILOT', 'MCP_SERVER', 'SUPPORT', 'POLICY',
    'APP_EXECUTION', 'NAMESPACE_FILE', 'TESTSUITE_RUN', 'TENANT_ACCESS', 'SECURITY_INTEGRATION', 'KILL_SWITCH',
    'TENANT', 'VERSIONED_PLUGIN', 'WORKER_GROUP', 'WORKER_QUEUE', 'INSTANCE', 'UNKNOWN',
  ],
  actions: [
    'VIEW', 'LIST', 'CREATE', 'UPDATE', 'DELETE', 'EXECUTE', 'RESTART', 'KILL', 'REPLAY', 'PAUSE', 'RESUME',
    'UNQUEUE', 'FORCE_RUN', 'FOLLOW', 'CHANGE_LABELS', 'ACCESS_LOGS', 'ACCESS_OUTPUTS', 'ACCESS_FILES', 'EXPORT',
    'IMPORT', 'DISABLE', 'ENABLE', 'VALIDATE', 'UNLOCK', 'LOCK', 'BACKFILL', 'MANAGE_FILES', 'MANAGE_MEMBERS',
    'MANAGE_GROUP_MEMBERSHIP', 'USE', 'IMPERSONATE', 'UNKNOWN',
  ],
};

export function vocabularyFor(version: KestraVersion): Vocabulary {
  return version === '2.0' ? VOCABULARY_2_0 : VOCABULARY_1_3;
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

export type GuardedResource = 'SERVICE_ACCOUNT' | 'ROLE' | 'BINDING' | 'GROUP' | 'FLOW' | 'EXECUTION';

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
