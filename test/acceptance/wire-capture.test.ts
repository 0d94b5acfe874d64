/**
 * Codec against the real wire: a probe provider served by our bridge inside this test process records the
 * msgpack bytes terraform sends, and the codec must decode them to the configured values and encode those
 * values back to the very same bytes. Numbers, sets, maps, objects, nulls, unknowns and `dynamic` included.
 */
import * as grpc from '@grpc/grpc-js';
import { addGoPluginServices } from '../../provider/bridge/go-plugin-services.js';
import { createLogger } from '../../provider/bridge/logging.js';
import { createProviderHandlers } from '../../provider/bridge/protocol/grpc-provider.js';
import { protocolServices } from '../../provider/bridge/protocol/load.js';
import { impliedType } from '../../provider/bridge/protocol/provider-server.js';
import { decodeMsgpack, encodeMsgpack } from '../../provider/bridge/codec/index.js';
import { DynamicValue, ExactNumber, UNKNOWN } from '../../provider/bridge/tftypes/value.js';
import { defineResource } from '../../provider/framework/resource.js';
import { computed, defineSchema, optional } from '../../provider/framework/schema.js';
import { FrameworkServer } from '../../provider/framework/server.js';
import { boolType, dynamicType, listOf, mapOf, numberType, objectOf, setOf, stringType } from '../../provider/framework/value-types.js';
import { useWorkspaces } from '../support/terraform.js';

const schema = defineSchema({
  description: 'probe',
  attributes: {
    id: computed(stringType, { description: 'id' }),
    text: optional(stringType, { description: 'text' }),
    flag: optional(boolType, { description: 'flag' }),
    small: optional(numberType, { description: 'small' }),
    ratio: optional(numberType, { description: 'ratio' }),
    big: optional(numberType, { description: 'big' }),
    negative: optional(numberType, { description: 'negative' }),
    numbers: optional(listOf(numberType), { description: 'numbers' }),
    tags: optional(setOf(stringType), { description: 'tags' }),
    limits: optional(mapOf(numberType), { description: 'limits' }),
    owner: optional(objectOf({ name: stringType, age: numberType }), { description: 'owner' }),
    anything: optional(dynamicType, { description: 'anything' }),
    absent: optional(stringType, { description: 'absent' }),
    later: optional(stringType, { description: 'depends on another resource' }),
  },
});

const captured: Uint8Array[] = [];
const probe = defineResource<typeof schema, object>({
  typeName: 'wire_probe',
  schema,
  create: async ({ plan }) => ({ ...plan, id: 'probe' }),
  read: async ({ state }) => state,
  update: async ({ plan }) => plan,
  delete: async () => {},
});
const framework = new FrameworkServer({
  schema: defineSchema({ description: 'probe provider', attributes: {} }),
  configure: async () => ({}),
  resources: [probe],
  dataSources: [],
  ephemeralResources: [],
});

const workspace = useWorkspaces();

let server: grpc.Server;
let reattach: string;

beforeAll(async () => {
  server = new grpc.Server();
  const logger = createLogger({ level: 'off' });
  addGoPluginServices(server, { logger, onShutdown: () => {} });
  const handlers = createProviderHandlers(framework, logger);
  const plan = handlers.PlanResourceChange;
  handlers.PlanResourceChange = (call, callback) => {
    if (call.request.config?.msgpack?.length) captured.push(Uint8Array.from(call.request.config.msgpack));
    plan(call, callback);
  };
  server.addService(protocolServices().provider, handlers);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, p) => (error ? reject(error) : resolve(p))),
  );
  reattach = JSON.stringify({
    'registry.terraform.io/wire/probe': { Protocol: 'grpc', ProtocolVersion: 6, Pid: process.pid, Test: true, Addr: { Network: 'tcp', String: `127.0.0.1:${port}` } },
  });
});
afterAll(() => server?.forceShutdown());

test('terraform sends what the codec decodes, and the codec re-encodes it byte for byte', async () => {
  const ws = workspace({ reattach });
  ws.writeConfig(`
terraform {
  required_providers {
    wire = { source = "wire/probe" }
  }
}
resource "terraform_data" "source" {
  input = "x"
}
resource "wire_probe" "p" {
  text     = "café ✓"
  flag     = true
  small    = 42
  ratio    = 0.1
  big      = 12345678901234567890
  negative = -9007199254740993
  numbers  = [1, 2.5, 1e300]
  tags     = ["b", "a"]
  limits   = { cpu = 2, mem = 0.5 }
  owner    = { name = "ann", age = 7 }
  anything = { a = 1, b = ["x"] }
  later    = terraform_data.source.output
}
`);
  await ws.expect(['plan', '-no-color', '-out=tfplan']);
  expect(captured.length).toBeGreaterThan(0);
  const type = impliedType(framework.schemas().resources.wire_probe!.block);
  const bytes = captured[0]!;
  const value = decodeMsgpack(bytes, type) as Record<string, unknown>;

  expect(value).toMatchObject({ text: 'café ✓', flag: true, small: 42, ratio: 0.1, absent: null, id: null, later: UNKNOWN });
  expect(value.big).toEqual(new ExactNumber('12345678901234567890'));
  expect(value.negative).toEqual(new ExactNumber('-9007199254740993'));
  // 1e300 is an integer to Terraform: it arrives as its 301 digits and must stay exact.
  expect(value.numbers).toEqual([1, 2.5, new ExactNumber(`1${'0'.repeat(300)}`)]);
  expect([...(value.tags as string[])].sort()).toEqual(['a', 'b']);
  expect(value.limits).toEqual({ cpu: 2, mem: 0.5 });
  expect(value.owner).toEqual({ name: 'ann', age: 7 });
  expect(value.anything).toBeInstanceOf(DynamicValue);
  expect((value.anything as DynamicValue).value).toEqual({ a: 1, b: ['x'] });

  // Every value re-encodes to exactly the bytes terraform sent, except 0.1: it arrives as the text "0.1"
  // (a3 30 2e 31) and goes back as the float64 0.1, which Terraform compares as the same number.
  const float01 = 'cb3fb999999999999a';
  const expected = Buffer.from(bytes).toString('hex').replace('a3302e31', float01);
  expect(Buffer.from(encodeMsgpack(value as never, type)).toString('hex')).toBe(expected);
});
