export { KestraClient } from './kestra-client.js';
export type { KestraAuth, KestraClientOptions, KestraLogger, RetryTuning } from './config.js';
export type { TenantOption } from './call-options.js';
export type { TokenOwnerApi } from './api-tokens.js';
export * from './errors.js';
export type * from './api-types.js';
export type { ApiIsolation, ApiTenant, ApiTenantAccess } from './tenants.js';
