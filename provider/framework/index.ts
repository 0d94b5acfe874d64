/**
 * The framework's public surface: resources, data sources, ephemeral resources and the provider definition
 * import from here, never from the modules behind it.
 */
export type { Logger, LogFields } from '../bridge/logging.js';
export { DynamicValue, ExactNumber } from '../bridge/tftypes/value.js';

export {
  computed,
  defineSchema,
  listBlock,
  optional,
  optionalComputed,
  required,
  setBlock,
  singleBlock,
  type Attribute,
  type AttributeMode,
  type Attributes,
  type Block,
  type BlockNesting,
  type Blocks,
  type Presence,
  type Schema,
} from './schema.js';
export {
  boolType,
  dynamicType,
  listOf,
  mapOf,
  nestedList,
  nestedMap,
  nestedSet,
  nestedSingle,
  numberType,
  objectOf,
  semanticString,
  setOf,
  stringType,
  type ValueType,
} from './value-types.js';
export type { ConfigOf, ModelOf, NameOf, PartialStateOf, PlanningConfigOf, PlanningPlanOf, PlanOf, StateOf } from './model.js';
export { isKnown, isUnknown, UNKNOWN, type Planned, type Unknown } from './values.js';
export type { JsonObject, JsonValue } from './private-state.js';
export { isRawObject, rawBool, rawList, rawRequiredString, rawString, type RawState, type RawValue } from './raw-state.js';

export {
  defineDataSource,
  defineEphemeralResource,
  defineResource,
  type AnyDataSource,
  type AnyEphemeralResource,
  type AnyResource,
  type ApplyContext,
  type CallContext,
  type DataSourceDefinition,
  type EphemeralResourceDefinition,
  type ModifyPlanRequest,
  type ResourceContext,
  type ResourceDefinition,
  type MoveContext,
  type StateMover,
  type StateUpgrader,
  type StoredStateReading,
  type UpgradeContext,
} from './resource.js';
export type { ConfigureRequest, ProviderDefinition } from './provider.js';
export { FrameworkServer } from './server.js';

export { Diagnostics } from './diagnostics.js';
export { AttributePath } from './path.js';
export { ResourceError } from './errors.js';

export type { ConfigValidator, ValidateRequest, Validator } from './validator.js';
export { matchesPattern, notBlank, notEmpty, oneOf, satisfies } from './validators/string-validators.js';
export { exactlyOneOf, requiresAlso } from './validators/config-validators.js';
export type { PlanModifier, PlanModifyRequest, PlanModifyResponse } from './plan-modifier.js';
export { requiresReplace, requiresReplaceIf, requiresReplaceUnlessImported } from './plan-modifiers/requires-replace.js';
export { useStateForUnknown } from './plan-modifiers/use-state-for-unknown.js';
