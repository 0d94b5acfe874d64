/**
 * The framework's nested attributes and blocks against the real terraform: a probe provider, served by our
 * bridge inside this test process, with nested objects of every nesting mode and list and single blocks, each
 * holding defaults, validators and computed values kept by plan modifiers. Terraform must accept the schema,
 * the plans and the results (no "invalid plan", no "inconsistent result"), and plans must settle.
 */
import * as grpc from '@grpc/grpc-js';
import { addGoPluginServices } from '../../provider/bridge/go-plugin-services.js';
import { createLogger } from '../../provider/bridge/logging.js';
import { createProviderHandlers } from '../../provider/bridge/protocol/grpc-provider.js';
import { protocolServices } from '../../provider/bridge/protocol/load.js';
import {
  computed,
  defineResource,
  defineSchema,
  FrameworkServer,
  listBlock,
  nestedList,
  nestedMap,
  nestedSet,
  nestedSingle,
  notEmpty,
  optional,
  optionalComputed,
  required,
  singleBlock,
  stringType,
  useStateForUnknown,
  type StateOf,
} from '../../provider/framework/index.js';
import { TerraformWorkspace } from '../support/terraform.js';

const keep = [useStateForUnknown<string>()];
const schema = defineSchema({
  description: 'nesting probe',
  attributes: {
    id: computed(stringType, { description: 'id', nullable: false, planModifiers: keep }),
    name: required(stringType, { description: 'name' }),
    secret: optional(stringType, { description: 'write-only', writeOnly: true }),
    settings: optional(
      nestedSingle({
        mode: optionalComputed(stringType, { description: 'mode', default: 'auto' }),
        revision: computed(stringType, { description: 'revision', planModifiers: keep }),
      }),
      { description: 'single' },
    ),
    members: optional(
      nestedSet({
        email: required(stringType, { description: 'email', validators: [notEmpty()] }),
        uid: computed(stringType, { description: 'uid', planModifiers: keep }),
      }),
      { description: 'set' },
    ),
    labels: optional(nestedMap({ value: required(stringType, { description: 'value' }), seen: computed(stringType, { description: 'seen', planModifiers: keep }) }), {
      description: 'map',
    }),
    steps: optional(nestedList({ cmd: required(stringType, { description: 'cmd' }), order: computed(stringType, { description: 'order', planModifiers: keep }) }), {
      description: 'list',
    }),
  },
  blocks: {
    rule: listBlock({
      description: 'rules',
      attributes: {
        port: required(stringType, { description: 'port' }),
        proto: optionalComputed(stringType, { description: 'proto', default: 'tcp' }),
        rule_id: computed(stringType, { description: 'rule id', planModifiers: keep }),
      },
    }),
    owner: singleBlock({ description: 'owner', attributes: { email: optional(stringType, { description: 'email', validators: [notEmpty()] }) } }),
  },
});

type State = StateOf<typeof schema>;

/** The "server": the last stored object, and a counter for the ids it hands out. */
const server = { stored: undefined as State | undefined, ids: 0 };
const next = (prefix: string) => `${prefix}-${++server.ids}`;

/** What the server keeps: the plan with every computed value it did not know yet filled in. */
function store(plan: State | (Omit<State, 'id'> & { id: string | null })): State {
  const saved: State = {
    ...plan,
    id: plan.id ?? next('thing'),
    settings: plan.settings && { mode: plan.settings.mode, revision: plan.settings.revision ?? next('rev') },
    members: plan.members && plan.members.map((m) => ({ email: m.email, uid: m.uid ?? next('uid') })),
    labels: plan.labels && Object.fromEntries(Object.entries(plan.labels).map(([k, l]) => [k, { value: l.value, seen: l.seen ?? next('seen') }])),
    steps: plan.steps && plan.steps.map((s) => ({ cmd: s.cmd, order: s.order ?? next('order') })),
    rule: plan.rule.map((r) => ({ port: r.port, proto: r.proto, rule_id: r.rule_id ?? next('rule') })),
  };
  server.stored = saved;
  return saved;
}

const probe = defineResource<typeof schema, object>({
  typeName: 'nesting_thing',
  schema,
  create: async ({ plan }) => store(plan),
  read: async ({ state }) => (server.stored?.id === state.id ? server.stored : null),
  update: async ({ plan, state }) => store({ ...plan, id: state.id }),
  delete: async () => {
    server.stored = undefined;
  },
});

const framework = new FrameworkServer({
  schema: defineSchema({ description: 'nesting probe provider', attributes: {} }),
  configure: async () => ({}),
  resources: [probe],
  dataSources: [],
  ephemeralResources: [],
});

let grpcServer: grpc.Server;
let reattach: string;

beforeAll(async () => {
  grpcServer = new grpc.Server();
  const logger = createLogger({ level: 'off' });
  addGoPluginServices(grpcServer, { logger, onShutdown: () => {} });
  grpcServer.addService(protocolServices().provider, createProviderHandlers(framework, logger));
  const port = await new Promise<number>((resolve, reject) =>
    grpcServer.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, p) => (error ? reject(error) : resolve(p))),
  );
  reattach = JSON.stringify({
    'registry.terraform.io/probe/nesting': { Protocol: 'grpc', ProtocolVersion: 6, Pid: process.pid, Test: true, Addr: { Network: 'tcp', String: `127.0.0.1:${port}` } },
  });
});
afterAll(() => grpcServer?.forceShutdown());

const config = (body: string) => `
terraform {
  required_providers {
    nesting = { source = "probe/nesting" }
  }
}
resource "nesting_thing" "t" {
${body}
}
`;

const everything = (name: string, members: string[]) =>
  config(`
  name     = "${name}"
  secret   = "s3cret"
  settings = {}
  members  = [${members.map((m) => `{ email = "${m}" }`).join(', ')}]
  labels   = { team = { value = "iam" } }
  steps    = [{ cmd = "build" }, { cmd = "test" }]
  rule {
    port = "443"
  }
  rule {
    port  = "53"
    proto = "udp"
  }
  owner {
    email = "ann@example.com"
  }
`);

test('nested attributes and blocks of every kind: apply, settle, update in place keeping computed values, grow a set, destroy', async () => {
  const ws = new TerraformWorkspace({ reattach });
  try {
    ws.writeConfig(everything('one', ['a@example.com']));
    await ws.apply();
    const created = (await ws.state())['nesting_thing.t'];
    expect(created).toMatchObject({
      secret: null,
      settings: { mode: 'auto', revision: expect.stringMatching(/^rev-/) },
      members: [{ email: 'a@example.com', uid: expect.stringMatching(/^uid-/) }],
      labels: { team: { value: 'iam', seen: expect.stringMatching(/^seen-/) } },
      rule: [
        { port: '443', proto: 'tcp', rule_id: expect.stringMatching(/^rule-/) },
        { port: '53', proto: 'udp', rule_id: expect.stringMatching(/^rule-/) },
      ],
      owner: { email: 'ann@example.com' },
    });
    await ws.expectEmptyPlans();

    // An update elsewhere keeps every nested computed value: the plan shows none of them as unknown.
    ws.writeConfig(everything('two', ['a@example.com']));
    const plan = await ws.planExitCode();
    expect(plan.code).toBe(2);
    expect(plan.stdout).not.toContain('known after apply');
    await ws.apply();
    const renamed = (await ws.state())['nesting_thing.t'];
    expect({ ...renamed, name: 'one' }).toEqual(created);
    await ws.expectEmptyPlans();

    // A new set element gets its computed value; the existing one keeps its own.
    ws.writeConfig(everything('two', ['a@example.com', 'b@example.com']));
    await ws.apply();
    const members = ((await ws.state())['nesting_thing.t']?.members ?? []) as { email: string; uid: string }[];
    expect(members.find((m) => m.email === 'a@example.com')?.uid).toBe((created?.members as { uid: string }[])[0]?.uid);
    expect(members.find((m) => m.email === 'b@example.com')?.uid).toMatch(/^uid-/);
    await ws.expectEmptyPlans();

    await ws.destroy();
    expect(server.stored).toBeUndefined();
  } finally {
    ws.cleanup();
  }
});

test.each([
  ['an empty email inside a nested set', 'members = [{ email = "" }]', /Invalid value for members/],
  ['an empty email inside a single block', 'owner {\n    email = ""\n  }', /Invalid value for owner\.email/],
  ['a read-only value inside a nested list', 'steps = [{ cmd = "x", order = "1" }]', /Invalid configuration for read-only attribute[\s\S]*steps\[0\]\.order/],
])('validate refuses %s', async (_name, body, message) => {
  const ws = new TerraformWorkspace({ reattach });
  try {
    ws.writeConfig(config(`  name = "x"\n  ${body}`));
    const result = await ws.run(['validate', '-no-color']);
    expect(result.code).toBe(1);
    expect(result.stderr.replace(/\s+/g, ' ')).toMatch(message);
  } finally {
    ws.cleanup();
  }
});
