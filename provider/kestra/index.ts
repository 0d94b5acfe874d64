/** Kestra logic shared by resources, data sources and ephemeral resources; none of it knows the wire protocol. */
export { fileJournal, NO_JOURNAL, PROCESS_SCOPE, type CreateJournal, type JournalScope } from './create-journal.js';
export {
  createCoordinator, createObject, noPlaceholder, objectKey, placeholderSink, recordCreated, retireCreateEntry, settlePlaceholder, type CreateCoordinator, type CreateTarget,
  type PendingCreate, type PlaceholderSink,
} from './create-protocol.js';
export { durationFromMillis, durationType, positiveDuration } from './durations.js';
export { findOne, idOrFindByName } from './lookup.js';
export { removeGroupMember, withMemberships } from './memberships.js';
export { kestraName, nonBlank } from './names.js';
export { orNullIfGone } from './not-found.js';
export { fromOfficial, storedTenant } from './official.js';
export { serverLine, type ServerLine } from './server-line.js';
export { importTenantScoped, parseTenantScopedId, planTenant, serviceAccountTenant, tenantIdAttribute, tenantOf, type TenantPlanning } from './tenant.js';
export {
  dueForRotation, findTokenOwner, ownerOf, parseTokenAddress, SELF, tokenAddress, tokenCreateTarget, tokenOwner, userTokensHaveNoTenant, type TokenAddress,
  type TokenOwnerRef,
} from './tokens.js';
export { deniedServices, jsonObject, jsonObjectType, SERVICES, tenantBody, tenantId, tenantSettings, WORKER_GROUP_FALLBACKS, type TenantSettings } from './tenants.js';
export { bindingView, bindingViewAttributes, type BindingView } from './binding-view.js';
