/**
 * The role permission vocabulary of each Kestra line: the `Permission`/`Action` enums of the 1.3 OpenAPI spec
 * and the `Resource`/`Action` enums of the 2.0 spec. The provider validates roles against their union, so one
 * configuration works with both server lines; the emulator serves one of them.
 */

export type KestraVersion = '1.3' | '2.0';

export interface Vocabulary {
  /** Name of the Java enum for permission keys, as the server names it in deserialization errors. */
  permissionEnum: string;
  permissionTypes: readonly string[];
  actions: readonly string[];
}

export const VOCABULARIES: Readonly<Record<KestraVersion, Vocabulary>> = {
  '1.3': {
    permissionEnum: 'io.kestra.ee.models.security.Permission',
    permissionTypes: [
      'FLOW', 'BLUEPRINT', 'TEMPLATE', 'NAMESPACE', 'EXECUTION', 'USER', 'GROUP', 'ROLE', 'BINDING', 'AUDITLOG',
      'SECRET', 'KVSTORE', 'IMPERSONATE', 'SETTING', 'APP', 'ASSET', 'APPEXECUTION', 'TEST', 'DASHBOARD',
      'TENANT_ACCESS', 'SERVICE_ACCOUNT', 'INVITATION', 'GROUP_MEMBERSHIP', 'CREDENTIAL', 'AI_COPILOT', 'UNKNOWN',
    ],
    actions: ['READ', 'CREATE', 'UPDATE', 'DELETE'],
  },
  '2.0': {
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
  },
};

export const ALL_PERMISSION_TYPES: readonly string[] = [...new Set(Object.values(VOCABULARIES).flatMap((v) => v.permissionTypes))].sort();
export const ALL_ACTIONS: readonly string[] = [...new Set(Object.values(VOCABULARIES).flatMap((v) => v.actions))].sort();
