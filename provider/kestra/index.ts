/** Kestra logic shared by resources, data sources and ephemeral resources; none of it knows the wire protocol. */
export { createOrAdopt } from './create-or-adopt.js';
export { durationFromMillis, durationType, positiveDuration } from './durations.js';
export { findOne, idOrFindByName } from './lookup.js';
export { kestraName, nonBlank } from './names.js';
export { orNullIfGone } from './not-found.js';
export { fromOfficial, storedTenant } from './official.js';
export { serverLine, type ServerLine } from './server-line.js';
export { importTenantScoped, parseTenantScopedId, planTenant, serviceAccountTenant, tenantIdAttribute, tenantOf, type TenantPlanning } from './tenant.js';
export {
  dueForRotation, findTokenOwner, ownerOf, parseTokenAddress, tokenAddress, tokenOwner, userTokensHaveNoTenant, type TokenAddress, type TokenOwnerRef,
} from './tokens.js';
