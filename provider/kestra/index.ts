/** Kestra logic shared by resources, data sources and ephemeral resources; none of it knows the wire protocol. */
export { fileJournal, NO_JOURNAL, type CreateJournal } from './create-journal.js';
export {
  createCoordinator, createObject, noPlaceholder, objectKey, placeholderSink, settlePlaceholder, type CreateCoordinator, type CreateTarget, type PendingCreate,
  type PlaceholderSink,
} from './create-protocol.js';
export { durationFromMillis, positiveDuration, sameDurationKeepsState } from './durations.js';
export { findOne, idOrFindByName } from './lookup.js';
export { kestraName } from './names.js';
export { orNullIfGone } from './not-found.js';
export { importTenantScoped, parseTenantScopedId, planTenant, tenantIdAttribute, tenantOf, type TenantPlanning } from './tenant.js';
export {
  dueForRotation, ownerOf, parseTokenAddress, tokenAddress, tokenCreateTarget, tokenOwner, type TokenAddress, type TokenOwnerRef,
} from './tokens.js';
