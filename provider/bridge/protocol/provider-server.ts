/**
 * The wire-level contract between the gRPC bridge and whatever implements a provider (our framework).
 * Values are already decoded (TfValue), schemas carry cty types; nothing here mentions protobuf or gRPC,
 * and nothing here knows about resources' CRUD or Kestra. Shaped after terraform-plugin-go's ProviderServer.
 */
import type { PathStep } from '../tftypes/path.js';
import type { TfType } from '../tftypes/type.js';
import type { TfValue } from '../tftypes/value.js';

export type { PathStep };

export interface Diagnostic {
  severity: 'error' | 'warning';
  summary: string;
  detail?: string;
  attribute?: readonly PathStep[];
}

export type NestingMode = 'single' | 'list' | 'set' | 'map';

export interface WireAttribute {
  name: string;
  /** Exactly one of type or nestedType is set. */
  type?: TfType;
  nestedType?: { attributes: WireAttribute[]; nesting: NestingMode };
  description: string;
  required: boolean;
  optional: boolean;
  computed: boolean;
  sensitive: boolean;
  writeOnly: boolean;
  deprecated: boolean;
}

export interface WireBlock {
  attributes: WireAttribute[];
  blockTypes: { typeName: string; block: WireBlock; nesting: NestingMode | 'group'; minItems: number; maxItems: number }[];
  description: string;
  deprecated: boolean;
}

export interface WireSchema {
  version: number;
  block: WireBlock;
}

export interface ProviderSchemas {
  provider: WireSchema;
  resources: Record<string, WireSchema>;
  dataSources: Record<string, WireSchema>;
  ephemeralResources: Record<string, WireSchema>;
}

export interface ClientCapabilities {
  deferralAllowed: boolean;
  writeOnlyAttributesAllowed: boolean;
}

export interface WithDiagnostics {
  diagnostics: Diagnostic[];
}

/** Opaque provider-private bytes that Terraform stores beside a resource's state. */
export type PrivateData = Uint8Array;

export interface ProviderServer {
  schemas(): ProviderSchemas;
  validateProviderConfig(config: TfValue): Promise<WithDiagnostics>;
  configureProvider(req: { config: TfValue; terraformVersion: string }): Promise<WithDiagnostics>;
  /** Cancel in-flight work (Terraform's StopProvider). */
  stop(reason: string): void;

  validateResourceConfig(req: { typeName: string; config: TfValue; capabilities: ClientCapabilities }): Promise<WithDiagnostics>;
  /**
   * `rawStateJson` is the stored state as the state file holds it (the JSON `attributes` object), undecoded: a
   * state written for an older schema version need not fit the current type. Null when there is none.
   */
  upgradeResourceState(req: { typeName: string; version: number; rawStateJson: Uint8Array | null }): Promise<WithDiagnostics & { state: TfValue }>;
  /**
   * A cross-type `moved {}` block: the stored state of another resource type (maybe of another provider, named by
   * `sourceProviderAddress`) as the state of `targetTypeName`. `sourceStateJson` is the stored JSON `attributes`
   * object, undecoded, as for upgradeResourceState.
   */
  moveResourceState(req: {
    sourceProviderAddress: string;
    sourceTypeName: string;
    sourceVersion: number;
    sourceStateJson: Uint8Array | null;
    targetTypeName: string;
  }): Promise<WithDiagnostics & { state: TfValue; private: PrivateData }>;
  readResource(req: { typeName: string; state: TfValue; private: PrivateData }): Promise<WithDiagnostics & { state: TfValue; private: PrivateData }>;
  planResourceChange(req: {
    typeName: string;
    priorState: TfValue;
    proposedNewState: TfValue;
    config: TfValue;
    priorPrivate: PrivateData;
  }): Promise<WithDiagnostics & { plannedState: TfValue; requiresReplace: PathStep[][]; plannedPrivate: PrivateData }>;
  applyResourceChange(req: {
    typeName: string;
    priorState: TfValue;
    plannedState: TfValue;
    config: TfValue;
    plannedPrivate: PrivateData;
  }): Promise<WithDiagnostics & { state: TfValue; private: PrivateData }>;
  importResourceState(req: { typeName: string; id: string }): Promise<WithDiagnostics & { imported: { typeName: string; state: TfValue; private: PrivateData }[] }>;

  validateDataResourceConfig(req: { typeName: string; config: TfValue }): Promise<WithDiagnostics>;
  readDataSource(req: { typeName: string; config: TfValue }): Promise<WithDiagnostics & { state: TfValue }>;

  validateEphemeralResourceConfig(req: { typeName: string; config: TfValue }): Promise<WithDiagnostics>;
  openEphemeralResource(req: { typeName: string; config: TfValue }): Promise<WithDiagnostics & { result: TfValue; private: PrivateData; renewAt?: Date }>;
  renewEphemeralResource(req: { typeName: string; private: PrivateData }): Promise<WithDiagnostics & { private: PrivateData; renewAt?: Date }>;
  closeEphemeralResource(req: { typeName: string; private: PrivateData }): Promise<WithDiagnostics>;
}

/** The implied object type of a block: every attribute and nested block as an attribute. */
export function impliedType(block: WireBlock): TfType {
  const object: Record<string, TfType> = {};
  for (const attribute of block.attributes) object[attribute.name] = attributeType(attribute);
  for (const nested of block.blockTypes) {
    const inner = impliedType(nested.block);
    object[nested.typeName] =
      nested.nesting === 'list' ? { list: inner } : nested.nesting === 'set' ? { set: inner } : nested.nesting === 'map' ? { map: inner } : inner;
  }
  return { object };
}

function attributeType(attribute: WireAttribute): TfType {
  if (attribute.type) return attribute.type;
  const nested = attribute.nestedType!;
  const inner: TfType = { object: Object.fromEntries(nested.attributes.map((a) => [a.name, attributeType(a)])) };
  switch (nested.nesting) {
    case 'single':
      return inner;
    case 'list':
      return { list: inner };
    case 'set':
      return { set: inner };
    case 'map':
      return { map: inner };
  }
}
