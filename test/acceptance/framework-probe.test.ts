/**
 * The framework against the real terraform, through a probe provider our bridge serves inside this test
 * process. `probe_nesting` has nested objects of every nesting mode and list and single blocks, each holding
 * defaults, validators and computed values kept by plan modifiers: terraform must accept the schema, the plans
 * and the results (no "invalid plan", no "inconsistent result"), and plans must settle. `probe_flaky` fails
 * its create after the object exists: the partial state it records must reach terraform's state (tainted),
 * and a placeholder must be settled by the next refresh, leaving exactly one object on the server.
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
  ResourceError,
  type StateOf,
} from '../../provider/framework/index.js';
import { useWorkspaces, type TerraformWorkspace } from '../support/terraform.js';

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
  typeName: 'probe_nesting',
  schema,
  create: async ({ plan }) => store(plan),
  read: async ({ state }) => (server.stored?.id === state.id ? server.stored : null),
  update: async ({ plan, state }) => store({ ...plan, id: state.id }),
  delete: async () => {
    server.stored = undefined;
  },
});

/** A resource whose create fails after the object exists, as `failure` says; the objects live in `flaky`. */
const flakySchema = defineSchema({
  description: 'flaky probe',
  attributes: {
    id: computed(stringType, { description: 'id', nullable: false, planModifiers: keep }),
    name: required(stringType, { description: 'name' }),
  },
});
const flaky = { objects: new Map<string, string>(), failure: 'none' as 'none' | 'after-create' | 'ambiguous' | 'ambiguous-not-made', settledWith: [] as unknown[] };

const flakyProbe = defineResource<typeof flakySchema, object, { names_before: string[] }>({
  typeName: 'probe_flaky',
  schema: flakySchema,
  async create({ plan }, ctx) {
    ctx.private.names_before = [...flaky.objects.values()];
    const id = `f-${++server.ids}`;
    if (flaky.failure !== 'ambiguous-not-made') flaky.objects.set(id, plan.name);
    if (flaky.failure === 'after-create') ctx.recordPartialState({ id, name: plan.name });
    else if (flaky.failure !== 'none') ctx.recordPartialState({ name: plan.name });
    if (flaky.failure !== 'none') throw new ResourceError('second step failed', 'The object may exist; the next run settles it.');
    return { id, name: plan.name };
  },
  read: async ({ state }) => (flaky.objects.has(state.id) ? { id: state.id, name: flaky.objects.get(state.id) ?? state.name } : null),
  async resolvePlaceholder({ state }, ctx) {
    flaky.settledWith.push(ctx.private.names_before);
    const found = [...flaky.objects].find(([, name]) => name === state.name && !(ctx.private.names_before ?? []).includes(name));
    return found ? { id: found[0], name: found[1] } : null;
  },
  delete: async ({ state }) => void flaky.objects.delete(state.id),
});

const framework = new FrameworkServer({
  schema: defineSchema({ description: 'probe provider', attributes: {} }),
  configure: async () => ({}),
  resources: [probe, flakyProbe],
  dataSources: [],
  ephemeralResources: [],
});

let grpcServer: grpc.Server;
let reattach: string;
const workspace = useWorkspaces(() => ({ reattach }));

beforeAll(async () => {
  grpcServer = new grpc.Server();
  const logger = createLogger({ level: 'off' });
  addGoPluginServices(grpcServer, { logger, onShutdown: () => {} });
  grpcServer.addService(protocolServices().provider, createProviderHandlers(framework, logger));
  const port = await new Promise<number>((resolve, reject) =>
    grpcServer.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, p) => (error ? reject(error) : resolve(p))),
  );
  reattach = JSON.stringify({
    'registry.terraform.io/probe/framework': { Protocol: 'grpc', ProtocolVersion: 6, Pid: process.pid, Test: true, Addr: { Network: 'tcp', String: `127.0.0.1:${port}` } },
  });
});
afterAll(() => grpcServer?.forceShutdown());

const config = (body: string) => `
terraform {
  required_providers {
    probe = { source = "probe/framework" }
  }
}
resource "probe_nesting" "t" {
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
  const ws = workspace();
  ws.writeConfig(everything('one', ['a@example.com']));
  await ws.apply();
  const created = (await ws.state())['probe_nesting.t'];
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
  const renamed = (await ws.state())['probe_nesting.t'];
  expect({ ...renamed, name: 'one' }).toEqual(created);
  await ws.expectEmptyPlans();

  // A new set element gets its computed value; the existing one keeps its own.
  ws.writeConfig(everything('two', ['a@example.com', 'b@example.com']));
  await ws.apply();
  const members = ((await ws.state())['probe_nesting.t']?.members ?? []) as { email: string; uid: string }[];
  expect(members.find((m) => m.email === 'a@example.com')?.uid).toBe((created?.members as { uid: string }[])[0]?.uid);
  expect(members.find((m) => m.email === 'b@example.com')?.uid).toMatch(/^uid-/);
  await ws.expectEmptyPlans();

  await ws.destroy();
  expect(server.stored).toBeUndefined();
});

test.each([
  ['an empty email inside a nested set', 'members = [{ email = "" }]', /Invalid value for members/],
  ['an empty email inside a single block', 'owner {\n    email = ""\n  }', /Invalid value for owner\.email/],
  ['a read-only value inside a nested list', 'steps = [{ cmd = "x", order = "1" }]', /Invalid configuration for read-only attribute[\s\S]*steps\[0\]\.order/],
])('validate refuses %s', async (_name, body, message) => {
  const ws = workspace();
  ws.writeConfig(config(`  name = "x"\n  ${body}`));
  const result = await ws.run(['validate', '-no-color']);
  expect(result.code).toBe(1);
  expect(result.stderr.replace(/\s+/g, ' ')).toMatch(message);
});

describe('a create that fails after the object exists', () => {
  const flakyConfig = `
terraform {
  required_providers {
    probe = { source = "probe/framework" }
  }
}
resource "probe_flaky" "f" {
  name = "f"
}
`;
  beforeEach(() => {
    flaky.objects.clear();
    flaky.settledWith = [];
  });

  /** Applies with the given failure, then again healthy; returns what the second plan said. */
  async function failThenRecover(failure: typeof flaky.failure): Promise<{ ws: TerraformWorkspace; recoveryPlan: string }> {
    const ws = workspace();
    ws.writeConfig(flakyConfig);
    flaky.failure = failure;
    const failed = await ws.run(['apply', '-auto-approve', '-no-color']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('Failed to create probe_flaky: second step failed');
    flaky.failure = 'none';
    const recoveryPlan = (await ws.planExitCode()).stdout;
    await ws.apply();
    await ws.expectEmptyPlans();
    return { ws, recoveryPlan };
  }

  test('with a partial state: terraform keeps it tainted and replaces it; no orphan remains', async () => {
    const { ws, recoveryPlan } = await failThenRecover('after-create');
    expect(recoveryPlan).toMatch(/is tainted, so must be replaced/);
    expect([...flaky.objects.values()]).toEqual(['f']);
    await ws.destroy();
    expect(flaky.objects.size).toBe(0);
  });

  test.each([
    ['the object was made after all: the refresh finds it, and it is replaced, not duplicated', 'ambiguous' as const, /is tainted, so must be replaced/],
    ['the object was never made: the refresh drops the placeholder, and it is created', 'ambiguous-not-made' as const, /will be created/],
  ])('with a placeholder (no id yet), %s', async (_name, failure, plan) => {
    const { ws, recoveryPlan } = await failThenRecover(failure);
    expect(recoveryPlan).toMatch(plan);
    // The private state recorded at the failed create reached the refresh that settled the placeholder.
    expect(flaky.settledWith[0]).toEqual([]);
    expect([...flaky.objects.values()]).toEqual(['f']);
    await ws.destroy();
    expect(flaky.objects.size).toBe(0);
  });
});
