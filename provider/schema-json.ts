import { mapValues } from '../common/records.js';
import type { ProviderSchemas, WireAttribute, WireBlock, WireSchema } from './bridge/protocol/provider-server.js';
import { typeToJSON } from './bridge/tftypes/type.js';

/** The provider's schema in the format of `terraform providers schema -json`, for CDKTF and documentation tooling. */
export function printSchemaJson(address: string, schemas: ProviderSchemas): unknown {
  return {
    format_version: '1.0',
    provider_schemas: {
      [address]: {
        provider: schema(schemas.provider),
        resource_schemas: mapValues(schemas.resources, schema),
        data_source_schemas: mapValues(schemas.dataSources, schema),
        ephemeral_resource_schemas: mapValues(schemas.ephemeralResources, schema),
      },
    },
  };
}

function schema(wire: WireSchema): unknown {
  return { version: wire.version, block: block(wire.block) };
}

function block(wire: WireBlock): unknown {
  return {
    attributes: Object.fromEntries(wire.attributes.map((a) => [a.name, attribute(a)])),
    ...(wire.blockTypes.length
      ? {
          block_types: Object.fromEntries(
            wire.blockTypes.map((b) => [
              b.typeName,
              { nesting_mode: b.nesting, block: block(b.block), ...(b.minItems ? { min_items: b.minItems } : {}), ...(b.maxItems ? { max_items: b.maxItems } : {}) },
            ]),
          ),
        }
      : {}),
    description: wire.description,
    description_kind: 'markdown',
    ...(wire.deprecated ? { deprecated: true } : {}),
  };
}

function attribute(wire: WireAttribute): unknown {
  return {
    ...(wire.type !== undefined ? { type: typeToJSON(wire.type) } : {}),
    ...(wire.nestedType
      ? { nested_type: { attributes: Object.fromEntries(wire.nestedType.attributes.map((a) => [a.name, attribute(a)])), nesting_mode: wire.nestedType.nesting } }
      : {}),
    description: wire.description,
    description_kind: 'markdown',
    ...(wire.required ? { required: true } : {}),
    ...(wire.optional ? { optional: true } : {}),
    ...(wire.computed ? { computed: true } : {}),
    ...(wire.sensitive ? { sensitive: true } : {}),
    ...(wire.writeOnly ? { write_only: true } : {}),
    ...(wire.deprecated ? { deprecated: true } : {}),
  };
}

