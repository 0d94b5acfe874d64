import type { Diagnostic as ProtoDiagnostic } from '../../../schema/generated/tfplugin6/Diagnostic.js';
import type { AttributePath as ProtoAttributePath } from '../../../schema/generated/tfplugin6/AttributePath.js';
import type { DynamicValue as ProtoDynamicValue } from '../../../schema/generated/tfplugin6/DynamicValue.js';
import type {
  _tfplugin6_Schema_Attribute as ProtoAttribute,
  _tfplugin6_Schema_Block as ProtoBlock,
  Schema as ProtoSchema,
} from '../../../schema/generated/tfplugin6/Schema.js';
import { encodeMsgpack } from '../codec/index.js';
import { typeToJSON, type TfType } from '../tftypes/type.js';
import type { TfValue } from '../tftypes/value.js';
import type { Diagnostic, PathStep, WireAttribute, WireBlock, WireSchema } from './provider-server.js';

export function dynamicValue(value: TfValue, type: TfType): ProtoDynamicValue {
  return { msgpack: encodeMsgpack(value, type) };
}

export function attributePath(steps: readonly PathStep[]): ProtoAttributePath {
  return {
    steps: steps.map((step) =>
      'attribute' in step ? { attribute_name: step.attribute } : 'key' in step ? { element_key_string: step.key } : { element_key_int: step.index },
    ),
  };
}

export function diagnostics(items: readonly Diagnostic[]): ProtoDiagnostic[] {
  return items.map((d) => ({
    // Severity must always be set: Terraform ignores INVALID (0), so an error would pass unnoticed.
    severity: d.severity === 'error' ? 'ERROR' : 'WARNING',
    summary: d.summary,
    detail: d.detail ?? '',
    ...(d.attribute ? { attribute: attributePath(d.attribute) } : {}),
  }));
}

export function schema(wire: WireSchema): ProtoSchema {
  return { version: wire.version, block: block(wire.block) };
}

function block(wire: WireBlock): ProtoBlock {
  return {
    attributes: wire.attributes.map(attribute),
    block_types: wire.blockTypes.map((nested) => ({
      type_name: nested.typeName,
      block: block(nested.block),
      nesting: nested.nesting.toUpperCase() as 'SINGLE' | 'LIST' | 'SET' | 'MAP' | 'GROUP',
      min_items: nested.minItems,
      max_items: nested.maxItems,
    })),
    description: wire.description,
    description_kind: 'MARKDOWN',
    deprecated: wire.deprecated,
  };
}

function attribute(wire: WireAttribute): ProtoAttribute {
  return {
    name: wire.name,
    ...(wire.type !== undefined ? { type: Buffer.from(JSON.stringify(typeToJSON(wire.type))) } : {}),
    ...(wire.nestedType
      ? { nested_type: { attributes: wire.nestedType.attributes.map(attribute), nesting: wire.nestedType.nesting.toUpperCase() as 'SINGLE' | 'LIST' | 'SET' | 'MAP' } }
      : {}),
    description: wire.description,
    description_kind: 'MARKDOWN',
    required: wire.required,
    optional: wire.optional,
    computed: wire.computed,
    sensitive: wire.sensitive,
    deprecated: wire.deprecated,
    write_only: wire.writeOnly,
  };
}

export function timestamp(date: Date): { seconds: number; nanos: number } {
  const ms = date.getTime();
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1_000_000 };
}
