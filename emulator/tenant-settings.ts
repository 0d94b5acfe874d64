import type { FieldSpec } from './body.js';
import type { KestraVersion } from './permissions.js';

/**
 * The settings a tenant carries besides its id and name, per version, as the `Tenant` schema types them. The
 * emulator validates them as Kestra deserializes and validates them, stores them and returns them; it acts on
 * none of them (no storage, secrets or workers exist here). A setting of the other version is an unknown
 * property: ignored, as Jackson ignores it.
 */

const string: FieldSpec = { kind: 'string' };
const boolean: FieldSpec = { kind: 'boolean' };
const anyObject: FieldSpec = { kind: 'object' };

const SERVICES_1_3 = ['EXECUTOR', 'INDEXER', 'SCHEDULER', 'WEBSERVER', 'WORKER', 'INVALID'] as const;
const SERVICES_2_0 = ['EXECUTOR', 'INDEXER', 'SCHEDULER', 'WEBSERVER', 'WORKER', 'CONTROLLER', 'INVALID'] as const;

const isolation = (services: readonly string[]): FieldSpec => ({
  kind: 'struct',
  javaType: 'io.kestra.ee.models.Isolation',
  fields: {
    deniedServices: { kind: 'enumList', javaType: 'io.kestra.core.server.ServiceType', values: services },
    enabled: boolean,
  },
});

const SDK_AUTH: FieldSpec = {
  kind: 'struct',
  javaType: 'io.kestra.ee.models.SDK$Auth',
  fields: { apiToken: string, username: string, password: string },
};

export const APP_CATALOG_FIELDS: Record<KestraVersion, Record<string, FieldSpec>> = {
  '1.3': { title: string, titleColor: string, primaryColor: string },
  '2.0': { title: string, titleColor: string, primaryColor: string, backgroundColor: string, tileColor: string, buttonTextColor: string },
};

export const DASHBOARD_FIELDS: Record<string, FieldSpec> = {
  defaultHomeDashboard: string,
  defaultFlowOverviewDashboard: string,
  defaultNamespaceOverviewDashboard: string,
};

const appCatalog = (version: KestraVersion): FieldSpec => ({
  kind: 'struct',
  javaType: 'io.kestra.ee.models.Tenant$AppCatalogConfig',
  fields: APP_CATALOG_FIELDS[version],
});

const COMMON = (version: KestraVersion): Record<string, FieldSpec> => ({
  storageIsolation: isolation(version === '2.0' ? SERVICES_2_0 : SERVICES_1_3),
  secretIsolation: isolation(version === '2.0' ? SERVICES_2_0 : SERVICES_1_3),
  storageType: string,
  storageConfiguration: anyObject,
  secretType: string,
  secretReadOnly: boolean,
  secretConfiguration: anyObject,
  requireExistingNamespace: boolean,
  outputsInInternalStorage: boolean,
  appCatalogConfig: appCatalog(version),
  sdkDefaultAuthentication: SDK_AUTH,
});

export const TENANT_SETTINGS: Record<KestraVersion, Record<string, FieldSpec>> = {
  '1.3': {
    ...COMMON('1.3'),
    workerGroup: {
      kind: 'struct',
      javaType: 'io.kestra.ee.models.WorkerGroup',
      fields: { key: string, fallback: { kind: 'enum', javaType: 'io.kestra.ee.models.WorkerGroup$Fallback', values: ['FAIL', 'WAIT', 'CANCEL'] } },
    },
  },
  '2.0': {
    ...COMMON('2.0'),
    defaultWorkerSelector: {
      kind: 'struct',
      javaType: 'io.kestra.ee.models.WorkerSelector',
      fields: {
        tags: { kind: 'stringList', maxItems: 20 },
        match: { kind: 'enum', javaType: 'io.kestra.ee.models.WorkerSelector$Match', values: ['ALL', 'ANY'] },
        fallback: { kind: 'enum', javaType: 'io.kestra.ee.models.WorkerSelector$Fallback', values: ['FAIL', 'WAIT', 'CANCEL', 'IGNORE'] },
      },
    },
    concurrency: {
      kind: 'struct',
      javaType: 'io.kestra.ee.models.Concurrency',
      fields: {
        limit: { kind: 'integer', javaType: 'java.lang.Integer', required: true, minimum: 1 },
        behavior: { kind: 'enum', javaType: 'io.kestra.ee.models.Concurrency$Behavior', values: ['QUEUE', 'CANCEL', 'FAIL'], required: true },
      },
    },
    settings: {
      kind: 'struct',
      javaType: 'io.kestra.ee.models.TenantSettings',
      fields: { dashboard: { kind: 'struct', javaType: 'io.kestra.ee.models.DashboardSettings', fields: DASHBOARD_FIELDS } },
    },
    quotas: {
      kind: 'structList',
      javaType: 'io.kestra.ee.models.Quota',
      fields: {
        duration: { kind: 'string', required: true },
        limit: { kind: 'integer', javaType: 'java.lang.Long', required: true, positive: true },
        behavior: { kind: 'enum', javaType: 'io.kestra.ee.models.Quota$Behavior', values: ['FAIL', 'CANCEL'], required: true },
      },
    },
  },
};

/** Kept beside the settings, set by their own operations (multipart uploads) and never by a tenant body. */
export const LOGO_KEYS = ['logo', 'appCatalogLogo'] as const;
