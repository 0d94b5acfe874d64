/**
 * Taking over stored states: moves from other types (maybe of other providers) and upgrades of older schema
 * versions read raw JSON, name every stored value they drop, and refuse sources they do not know.
 */
import type { Diagnostic } from '../../../provider/bridge/protocol/provider-server.js';
import {
  boolType, computed, defineResource, defineSchema, FrameworkServer, optional, optionalComputed, rawBool, rawRequiredString, rawString, required, stringType,
  type ResourceDefinition, type StateMover,
} from '../../../provider/framework/index.js';
import { sameProvider } from '../../../provider/framework/move.js';

interface Client {
  readonly tenant: string;
}

const schema = defineSchema({
  description: 'widget',
  version: 1,
  attributes: {
    id: computed(stringType, { description: 'id', nullable: false }),
    name: required(stringType, { description: 'name' }),
    secret: computed(stringType, { description: 'secret', sensitive: true }),
    enabled: optionalComputed(boolType, { description: 'enabled', default: false }),
    tenant: optional(stringType, { description: 'tenant' }),
  },
});

type Definition = ResourceDefinition<typeof schema, Client>;

const fromLegacyGadget: StateMover<typeof schema> = {
  sourceTypeName: 'legacy_gadget',
  sourceProviders: ['legacy/legacy', 'acme/widgets'],
  sourceVersions: [0, 3],
  reads: ['title', 'secret_value', 'on'],
  dropped: { colour: 'Widgets have no colour.' },
  move: (raw) => ({ id: rawRequiredString(raw, 'id'), name: rawRequiredString(raw, 'title'), secret: rawString(raw.secret_value), enabled: rawBool(raw.on, false), tenant: null }),
};

const widget = (overrides: Partial<Definition> = {}): Definition => ({
  typeName: 'acme_widget',
  schema,
  create: async ({ plan }) => ({ ...plan, id: 'w1', secret: 's' }),
  read: async ({ state }) => state,
  delete: async () => {},
  movedFrom: [fromLegacyGadget],
  stateUpgraders: {
    0: { reads: ['title'], upgrade: (raw, ctx) => ({ id: rawRequiredString(raw, 'id'), name: rawRequiredString(raw, 'title'), secret: null, enabled: false, tenant: ctx.client?.tenant ?? null }) },
  },
  ...overrides,
});

function serve(definition: Definition = widget()) {
  return new FrameworkServer<Client>({
    schema: defineSchema({ description: 'acme', attributes: {} }),
    configure: async () => ({ tenant: 'main' }),
    resources: [defineResource(definition)],
    dataSources: [],
    ephemeralResources: [],
  });
}

const json = (value: object) => Buffer.from(JSON.stringify(value));
const summaries = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.severity}: ${d.summary}`);

const move = (server: FrameworkServer<Client>, req: { from?: string; provider?: string; version?: number; state?: object | null }) =>
  server.moveResourceState({
    sourceProviderAddress: req.provider ?? 'registry.terraform.io/legacy/legacy',
    sourceTypeName: req.from ?? 'legacy_gadget',
    sourceVersion: req.version ?? 0,
    sourceStateJson: req.state === null ? null : json(req.state ?? { id: 'g1', title: 'one', secret_value: 'hunter22', on: true }),
    targetTypeName: 'acme_widget',
  });

describe('moveResourceState', () => {
  test('turns the source state into the target state, renamed values included, with no private data', async () => {
    const result = await move(serve(), {});
    expect(result.diagnostics).toEqual([]);
    expect(result.state).toEqual({ id: 'g1', name: 'one', secret: 'hunter22', enabled: true, tenant: null });
    expect(result.private).toEqual(new Uint8Array());
  });

  test.each([
    ['the source provider on another registry host', 'mirror.example.com/legacy/legacy'],
    ['this provider, after terraform state replace-provider', 'registry.terraform.io/acme/widgets'],
    ['the type alone, as OpenTofu names it', 'legacy'],
    ['any letter case', 'registry.terraform.io/Legacy/LEGACY'],
  ])('accepts %s', async (_name, provider) => {
    expect((await move(serve(), { provider })).diagnostics).toEqual([]);
  });

  test.each<[string, { from?: string; provider?: string; version?: number }, string, RegExp]>([
    ['a type it does not move from', { from: 'legacy_other' }, 'move not supported', /takes the state of legacy_gadget only/],
    ['the same type of another provider', { provider: 'registry.terraform.io/rival/legacy' }, 'state of another provider', /belongs to registry.terraform.io\/rival\/legacy.*legacy\/legacy or acme\/widgets/],
    ['a schema version it does not know', { version: 1 }, 'unknown state version', /schema version 1; acme_widget reads versions 0, 3/],
  ])('refuses %s, saying why', async (_name, req, summary, detail) => {
    const result = await move(serve(), req);
    expect(summaries(result.diagnostics)).toEqual([`error: Failed to move acme_widget: ${summary}`]);
    expect(result.diagnostics[0]?.detail).toMatch(detail);
    expect(result.state).toBeNull();
  });

  test('a resource that declares no moves says so', async () => {
    const result = await move(serve(widget({ movedFrom: [] })), {});
    expect(result.diagnostics[0]?.detail).toMatch(/takes no other type's state/);
  });

  test('every stored value without a counterpart is named in a warning; empty ones and carried-over ones are not', async () => {
    const result = await move(serve(), { state: { id: 'g1', title: 'one', secret_value: 'x', on: false, colour: 'crimson-7f3', weight: 314159, notes: '', tags: [], extra: null } });
    expect(summaries(result.diagnostics)).toEqual(['warning: legacy_gadget.colour is not carried over', 'warning: legacy_gadget.weight is not carried over']);
    const [colour, weight] = result.diagnostics;
    expect(colour?.detail).toMatch(/has a value for `colour`\. Widgets have no colour\./);
    expect(weight?.detail).toMatch(/acme_widget has no attribute for it/);
    // The value itself is never quoted: it may be a secret.
    expect(JSON.stringify(result.diagnostics)).not.toMatch(/crimson-7f3|314159/);
  });

  test('a source state missing what the target needs is an error naming the attribute', async () => {
    const result = await move(serve(), { state: { title: 'one' } });
    expect(summaries(result.diagnostics)).toEqual(['error: Failed to move acme_widget: incomplete stored state']);
    expect(result.diagnostics[0]?.detail).toMatch(/no `id`/);
  });

  test('a mover that leaves a never-null value null is caught', async () => {
    const broken: StateMover<typeof schema> = { ...fromLegacyGadget, move: (raw, ctx) => ({ ...fromLegacyGadget.move(raw, ctx), enabled: null! }) };
    const result = await move(serve(widget({ movedFrom: [broken] })), {});
    expect(summaries(result.diagnostics)).toEqual(['error: Provider bug: missing value']);
  });

  test('runs without the client, which Terraform has not configured yet when it moves states', async () => {
    const seen: unknown[] = [];
    const server = serve(widget({ movedFrom: [{ ...fromLegacyGadget, move: (raw, ctx) => (seen.push(Object.keys(ctx).sort()), fromLegacyGadget.move(raw, ctx)) }] }));
    await server.configureProvider({ config: {}, terraformVersion: '1.11.4' });
    await move(server, {});
    expect(seen).toEqual([['diagnostics', 'logger']]);
  });
});

describe('upgradeResourceState from an older version', () => {
  const upgrade = (server: FrameworkServer<Client>, state: object) => server.upgradeResourceState({ typeName: 'acme_widget', version: 0, rawStateJson: json(state) });

  test('hands the upgrader the configured client', async () => {
    const server = serve();
    await server.configureProvider({ config: {}, terraformVersion: '1.11.4' });
    expect((await upgrade(server, { id: 'w1', title: 'old' })).state).toEqual({ id: 'w1', name: 'old', secret: null, enabled: false, tenant: 'main' });
  });

  test('names the stored values it drops, as a move does', async () => {
    const result = await upgrade(serve(), { id: 'w1', title: 'old', namespace: 'team' });
    expect(summaries(result.diagnostics)).toEqual(['warning: acme_widget.namespace is not carried over']);
    expect(result.state).toEqual({ id: 'w1', name: 'old', secret: null, enabled: false, tenant: null });
  });
});

test.each([
  ['registry.terraform.io/kestra-io/kestra', 'kestra-io/kestra', true],
  ['terraform.example.com/kestra-io/kestra', 'kestra-io/kestra', true],
  ['kestra', 'kestra-io/kestra', true],
  ['registry.terraform.io/kestra-io/other', 'kestra-io/kestra', false],
  ['registry.terraform.io/someone/kestra', 'kestra-io/kestra', false],
  ['', 'kestra-io/kestra', false],
])('sameProvider(%j, %j) is %s', (address, provider, same) => {
  expect(sameProvider(address, provider)).toBe(same);
});

describe('applyResourceChange of an update that changes no value', () => {
  test('sends nothing and keeps the planned state (Terraform plans one when only sensitivity marks differ)', async () => {
    const server = serve(widget({ update: async () => { throw new Error('update must not be called'); } }));
    await server.configureProvider({ config: {}, terraformVersion: '1.11.4' });
    const state = { id: 'w1', name: 'one', secret: 's', enabled: false, tenant: null };
    const result = await server.applyResourceChange({ typeName: 'acme_widget', priorState: state, plannedState: state, config: { ...state, id: null, secret: null }, plannedPrivate: new Uint8Array() });
    expect(result.diagnostics).toEqual([]);
    expect(result.state).toEqual(state);
  });
});
