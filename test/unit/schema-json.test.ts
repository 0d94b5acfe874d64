import { defineSchema, listBlock, optional, singleBlock, stringType } from '../../provider/framework/index.js';
import { toWireSchema } from '../../provider/framework/wire-schema.js';
import { printSchemaJson } from '../../provider/schema-json.js';

const schema = defineSchema({
  description: 'with blocks',
  deprecated: 'Use another.',
  attributes: { name: optional(stringType, { description: 'name', deprecated: 'Use label.' }) },
  blocks: {
    rule: listBlock({ description: 'rules', minItems: 1, maxItems: 2, attributes: { port: optional(stringType, { description: 'port' }) } }),
    owner: singleBlock({ description: 'owner', attributes: {} }),
  },
});

test('printSchemaJson writes blocks, their bounds and deprecation the way `terraform providers schema -json` does', () => {
  const wire = toWireSchema(schema);
  const json = printSchemaJson('example.com/x/y', { provider: wire, resources: { x_y: wire }, dataSources: {}, ephemeralResources: {} });
  expect(json).toMatchObject({
    format_version: '1.0',
    provider_schemas: {
      'example.com/x/y': {
        resource_schemas: {
          x_y: {
            version: 0,
            block: {
              deprecated: true,
              attributes: { name: { type: 'string', optional: true, deprecated: true } },
              block_types: {
                rule: { nesting_mode: 'list', min_items: 1, max_items: 2, block: { attributes: { port: { type: 'string', optional: true } } } },
                owner: { nesting_mode: 'single', block: { attributes: {} } },
              },
            },
          },
        },
      },
    },
  });
  const owner = (json as { provider_schemas: Record<string, { resource_schemas: Record<string, { block: { block_types: Record<string, object> } }> }> })
    .provider_schemas['example.com/x/y']?.resource_schemas.x_y?.block.block_types.owner;
  expect(owner).not.toHaveProperty('min_items');
});
