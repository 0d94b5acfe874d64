/**
 * The framework engine as Terraform drives it, through the ProviderServer interface the bridge calls: a fake
 * resource over an in-memory store, and the rules the engine owns (vanished objects, placeholders, partial
 * states, private state, upgrades, imports, masking secrets in logs).
 */
import { createLogger } from '../../../provider/bridge/logging.js';
import type { Diagnostic } from '../../../provider/bridge/protocol/provider-server.js';
import { ExactNumber, UNKNOWN, type TfObject } from '../../../provider/bridge/tftypes/value.js';
import {
  AttributePath,
  computed,
  defineDataSource,
  defineEphemeralResource,
  defineResource,
  defineSchema,
  FrameworkServer,
  numberType,
  optional,
  required,
  requiresAlso,
  ResourceError,
  stringType,
  type ProviderDefinition,
  type ResourceDefinition,
  type Schema,
} from '../../../provider/framework/index.js';

interface Store {
  objects: Map<string, string>;
  calls: string[];
  lines: string[];
}

const schema = defineSchema({
  description: 'thing',
  version: 2,
  attributes: {
    id: computed(stringType, { description: 'id', nullable: false }),
    name: required(stringType, { description: 'name' }),
    size: optional(numberType, { description: 'size' }),
    password: optional(stringType, { description: 'write-only', writeOnly: true }),
    token: computed(stringType, { description: 'secret', sensitive: true }),
  },
});

type Definition = ResourceDefinition<typeof schema, Store, { note: string }>;

const thing = (overrides: Partial<Definition> = {}): Definition => ({
  typeName: 'test_thing',
  displayName: 'test thing',
  schema,
  async create({ plan, config }, ctx) {
    ctx.client.calls.push(`create ${plan.name} with ${config.password}`);
    ctx.client.objects.set('t1', plan.name);
    return { ...plan, id: 't1', token: 'tok-secret-1' };
  },
  async read({ state }, ctx) {
    const name = ctx.client.objects.get(state.id);
    return name === undefined ? null : { ...state, name };
  },
  async delete({ state }, ctx) {
    ctx.client.calls.push(`delete ${state.id}`);
    ctx.client.objects.delete(state.id);
  },
  stateUpgraders: {
    1: {
      reads: ['key', 'title'],
      upgrade: (raw) => ({ id: String(raw.key), name: String(raw.title), size: raw.size instanceof ExactNumber || typeof raw.size === 'number' ? raw.size : null, password: null, token: null }),
    },
  },
  ...overrides,
});

type Bookkeeping = Pick<ProviderDefinition<Schema, Store>, 'onStoredState' | 'onCreated'>;

function serve(definition: Definition = thing(), provider: { configValidators?: boolean; bookkeeping?: Bookkeeping } = {}) {
  const store: Store = { objects: new Map(), calls: [], lines: [] };
  const providerSchema = defineSchema({
    description: 'test provider',
    attributes: {
      api_key: optional(stringType, { description: 'key', sensitive: true }),
      region: optional(stringType, { description: 'region' }),
    },
  });
  const server = new FrameworkServer<Store>({
    schema: providerSchema,
    ...(provider.configValidators ? { configValidators: [requiresAlso('region', 'api_key', () => true, 'a region needs a key')] } : {}),
    logger: createLogger({ level: 'trace', write: (line) => void store.lines.push(line) }),
    configure: async () => store,
    ...provider.bookkeeping,
    resources: [defineResource(definition)],
    dataSources: [
      defineDataSource<typeof schema, Store>({
        typeName: 'test_thing',
        schema,
        read: async ({ config }, ctx) => ({ ...config, id: 'd1', password: null, token: null, name: ctx.client.objects.get('t1') ?? 'none' }),
      }),
    ],
    ephemeralResources: [
      defineEphemeralResource<typeof schema, Store, { opened: string }>({
        typeName: 'test_thing',
        schema,
        open: async ({ config }) => ({ result: { ...config, id: 'e1', password: null, token: 'eph-secret' }, private: { opened: 'e1' } }),
        close: async ({ private: p }, ctx) => void ctx.client.calls.push(`close ${p.opened}`),
      }),
    ],
  });
  return { server, store };
}

const configured = async (definition?: Definition) => {
  const served = serve(definition);
  await served.server.configureProvider({ config: { api_key: 'provider-key-123', region: null }, terraformVersion: '1.11.4' });
  return served;
};

const config: TfObject = { id: null, name: 'one', size: null, password: 'hunter22', token: null };
const state: TfObject = { id: 't1', name: 'one', size: null, password: null, token: 'tok-secret-1' };
const apply = (server: FrameworkServer<Store>, req: { priorState?: TfObject | null; plannedState?: TfObject | null; plannedPrivate?: Uint8Array }) =>
  server.applyResourceChange({
    typeName: 'test_thing',
    priorState: req.priorState ?? null,
    plannedState: req.plannedState === undefined ? { ...config, id: UNKNOWN, token: UNKNOWN } : req.plannedState,
    config: req.plannedState === null ? null : config,
    plannedPrivate: req.plannedPrivate ?? new Uint8Array(),
  });
const summaries = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.severity}: ${d.summary}`);
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('FrameworkServer: create', () => {
  test('returns the state with write-only values null', async () => {
    const { server, store } = await configured();
    const result = await apply(server, {});
    expect(result.diagnostics).toEqual([]);
    expect(result.state).toEqual(state);
    expect(store.calls).toEqual(['create one with hunter22']);
  });

  test('a create that fails after recording a partial state hands Terraform that state with the error', async () => {
    const { server } = await configured(
      thing({
        async create({ plan }, ctx) {
          ctx.recordPartialState({ name: plan.name, id: 't9' });
          ctx.private.note = 'made t9';
          throw new Error('the follow-up call failed');
        },
      }),
    );
    const result = await apply(server, {});
    expect(summaries(result.diagnostics)).toEqual(['error: Failed to create test_thing']);
    expect(result.diagnostics[0]?.detail).toBe('the follow-up call failed');
    expect(result.state).toEqual({ id: 't9', name: 'one', size: null, password: null, token: null });
    expect(JSON.parse(text(result.private))).toEqual({ note: 'made t9' });
  });

  test('a create that fails without a partial state leaves no state', async () => {
    const { server } = await configured(thing({ create: async () => Promise.reject(new ResourceError('quota exceeded', 'No more things.')) }));
    const result = await apply(server, {});
    expect(result.state).toBeNull();
    expect(summaries(result.diagnostics)).toEqual(['error: Failed to create test_thing: quota exceeded']);
  });

  test('a result missing a value its type says is never null is a provider bug', async () => {
    const { server } = await configured(thing({ create: async ({ plan }) => ({ ...plan, id: null as unknown as string, token: null }) }));
    expect(summaries((await apply(server, {})).diagnostics)).toEqual(['error: Provider bug: missing value']);
  });

  test('a ResourceError names its attribute', async () => {
    const { server } = await configured(
      thing({ create: async () => Promise.reject(new ResourceError('name taken', 'Pick another name.', { attribute: AttributePath.root('name') })) }),
    );
    expect((await apply(server, {})).diagnostics[0]?.attribute).toEqual([{ attribute: 'name' }]);
  });

  test('an update of a resource without update is refused, keeping the prior state', async () => {
    const { server } = await configured();
    const result = await apply(server, { priorState: state, plannedState: { ...state, name: 'two' } });
    expect(result.state).toEqual(state);
    expect(summaries(result.diagnostics)).toEqual(['error: Provider bug: update not supported']);
  });
});

describe('FrameworkServer: read', () => {
  const read = (server: FrameworkServer<Store>, current: TfObject) => server.readResource({ typeName: 'test_thing', state: current, private: new Uint8Array() });

  test('an object that no longer exists is dropped with the standard warning', async () => {
    const { server } = await configured();
    const result = await read(server, state);
    expect(result.state).toBeNull();
    expect(result.diagnostics).toEqual([
      {
        severity: 'warning',
        summary: 'Test thing no longer exists',
        detail: 'The test thing "t1" was deleted outside Terraform. Terraform removed it from the state and will plan to create it again.',
      },
    ]);
  });

  test('an existing object is read back', async () => {
    const { server, store } = await configured();
    store.objects.set('t1', 'renamed');
    expect((await read(server, state)).state).toEqual({ ...state, name: 'renamed' });
  });

  test('a placeholder is settled by resolvePlaceholder, not read', async () => {
    const seen: unknown[] = [];
    const { server } = await configured(thing({ resolvePlaceholder: async ({ state: partial }) => (seen.push(partial), { ...state, id: 'found', name: 'one', size: null, password: null, token: null }) }));
    const result = await read(server, { ...state, id: null });
    expect(seen).toEqual([{ ...state, id: null }]);
    expect(result.state).toMatchObject({ id: 'found' });
    expect(result.diagnostics).toEqual([]);
  });

  test('a placeholder the resource cannot settle is dropped, with a warning saying what to check', async () => {
    const { server } = await configured();
    const result = await read(server, { ...state, id: null });
    expect(result.state).toBeNull();
    expect(summaries(result.diagnostics)).toEqual(['warning: Incomplete state dropped']);
    expect(result.diagnostics[0]?.detail).toMatch(/has no id, .*import it or delete it there/);
  });
});

describe('FrameworkServer: plan', () => {
  test('a placeholder is never planned against: it must be settled by a refresh first', async () => {
    const { server } = await configured();
    const result = await server.planResourceChange({ typeName: 'test_thing', priorState: { ...state, id: null }, proposedNewState: state, config, priorPrivate: new Uint8Array() });
    expect(summaries(result.diagnostics)).toEqual(['error: Failed to plan test_thing: placeholder state']);
    expect(result.plannedState).toBeNull();
  });
});

describe('FrameworkServer: delete', () => {
  test('deletes the object of the prior state', async () => {
    const { server, store } = await configured();
    const result = await apply(server, { priorState: state, plannedState: null });
    expect(result.state).toBeNull();
    expect(store.calls).toEqual(['delete t1']);
  });

  test.each<[string, TfObject | null, string[]]>([
    ['the object exists after all', { ...state, id: 'found' }, ['delete found']],
    ['the object was never made', null, []],
  ])('a placeholder is settled first: %s', async (_name, resolved, calls) => {
    const { server, store } = await configured(thing({ resolvePlaceholder: async () => (resolved === null ? null : { id: 'found', name: 'one', size: null, password: null, token: null }) }));
    await apply(server, { priorState: { ...state, id: null }, plannedState: null });
    expect(store.calls).toEqual(calls);
  });
});

describe('FrameworkServer: import', () => {
  const importing = (server: FrameworkServer<Store>, id: string) => server.importResourceState({ typeName: 'test_thing', id });

  test('returns the complete state of the object', async () => {
    const { server } = await configured(thing({ importState: async ({ id }) => ({ id, name: 'imported', size: 3, password: null, token: null }) }));
    const result = await importing(server, 'x7');
    expect(result.imported).toMatchObject([{ typeName: 'test_thing', state: { id: 'x7', name: 'imported', size: 3, password: null, token: null } }]);
  });

  test('plan modifiers know an imported state as imported through refreshes, until the next apply', async () => {
    const seen: boolean[] = [];
    const schemaWithKeepers = defineSchema({
      description: 'thing with a value only Terraform keeps',
      attributes: { id: computed(stringType, { description: 'id', nullable: false }), keepers: optional(stringType, { description: 'keepers', planModifiers: [{ description: 'spy', modify: (req) => void seen.push(req.imported) }] }) },
    });
    const server = new FrameworkServer<Store>({
      schema: defineSchema({ description: 'p', attributes: {} }),
      configure: async () => ({ objects: new Map(), calls: [], lines: [] }),
      resources: [
        defineResource<typeof schemaWithKeepers, Store, { note: string }>({
          typeName: 'test_kept',
          schema: schemaWithKeepers,
          importState: async ({ id }, ctx) => {
            ctx.private.note = 'the resource keeps its own data beside the mark';
            return { id, keepers: null };
          },
          create: async () => ({ id: 'k1', keepers: null }),
          read: async ({ state: current }) => current,
          update: async ({ plan }) => ({ id: 'k1', keepers: plan.keepers }),
          delete: async () => {},
        }),
      ],
      dataSources: [],
      ephemeralResources: [],
    });
    await server.configureProvider({ config: {}, terraformVersion: '1.11.4' });
    const prior = { id: 'k1', keepers: null };
    const planWith = async (priorPrivate: Uint8Array) =>
      server.planResourceChange({ typeName: 'test_kept', priorState: prior, proposedNewState: { id: 'k1', keepers: 'x' }, config: { id: null, keepers: 'x' }, priorPrivate });

    const [imported] = (await server.importResourceState({ typeName: 'test_kept', id: 'k1' })).imported;
    const refreshed = await server.readResource({ typeName: 'test_kept', state: prior, private: imported?.private ?? new Uint8Array() });
    const planned = await planWith(refreshed.private);
    const afterImport = new Set(seen.splice(0));
    const applied = await server.applyResourceChange({
      typeName: 'test_kept',
      priorState: prior,
      plannedState: planned.plannedState,
      config: { id: null, keepers: 'x' },
      plannedPrivate: planned.plannedPrivate,
    });
    await planWith(applied.private);
    expect([afterImport, new Set(seen)]).toEqual([new Set([true]), new Set([false])]);
    expect(JSON.parse(text(applied.private))).toEqual({ note: 'the resource keeps its own data beside the mark' });
  });

  test('an id that names nothing fails with the standard error', async () => {
    const { server } = await configured(thing({ importState: async () => null }));
    const result = await importing(server, 'nope');
    expect(result.imported).toEqual([]);
    expect(summaries(result.diagnostics)).toEqual(['error: Cannot import non-existent remote object']);
    expect(result.diagnostics[0]?.detail).toContain('"nope"');
  });

  test('a resource without importState cannot be imported', async () => {
    const { server } = await configured();
    expect(summaries((await importing(server, 'x')).diagnostics)).toEqual(['error: Import not supported']);
  });
});

describe('FrameworkServer: private state', () => {
  test('flows from plan to apply to read, and is kept as a JSON object', async () => {
    const seen: unknown[] = [];
    const { server } = await configured(
      thing({
        modifyPlan(req) {
          req.private.note = 'planned';
        },
        async create({ plan }, ctx) {
          seen.push(ctx.private.note);
          ctx.private.note = 'created';
          return { ...plan, id: 't1', token: null };
        },
        async read({ state: current }, ctx) {
          seen.push(ctx.private.note);
          return current;
        },
      }),
    );
    const planned = await server.planResourceChange({ typeName: 'test_thing', priorState: null, proposedNewState: config, config, priorPrivate: new Uint8Array() });
    const applied = await apply(server, { plannedPrivate: planned.plannedPrivate });
    await server.readResource({ typeName: 'test_thing', state: applied.state, private: applied.private });
    expect(seen).toEqual(['planned', 'created']);
    expect(JSON.parse(text(applied.private))).toEqual({ note: 'created' });
  });

  test('provider bookkeeping sees every created and stored state first; what it deletes from the private data is not stored', async () => {
    const events: string[] = [];
    const { server } = serve(
      thing({
        async create({ plan }, ctx) {
          ctx.private.note = 'created';
          if (plan.name === 'fails') {
            ctx.recordPartialState({ ...plan, id: 't2', token: null });
            throw new ResourceError('second step failed', 'after the object was made');
          }
          return { ...plan, id: 't1', token: null };
        },
        async read({ state: current }, ctx) {
          events.push(`read sees ${ctx.private.note ?? 'nothing'}`);
          return current;
        },
        async update({ plan, state: current }) {
          return { ...plan, id: current.id };
        },
      }),
      {
        bookkeeping: {
          onCreated: (_client, typeName, created, data) => {
            events.push(`created ${typeName} ${String(created.id)} ${String(data.note)}`);
            delete data.note;
          },
          onStoredState: (_client, typeName, stored, data) => {
            events.push(`stored ${typeName} ${String(stored.id)} ${String(data.note)}`);
            if (data.note === 'retired') delete data.note;
          },
        },
      },
    );
    await server.configureProvider({ config: { api_key: null, region: null }, terraformVersion: '1.11.4' });
    const created = await apply(server, {});
    expect(created.private).toEqual(new Uint8Array());
    const note = (value: string) => new Uint8Array(Buffer.from(JSON.stringify({ note: value })));
    const read = await server.readResource({ typeName: 'test_thing', state: created.state, private: note('retired') });
    expect(read.private).toEqual(new Uint8Array());
    const kept = await server.readResource({ typeName: 'test_thing', state: created.state, private: note('kept') });
    expect(JSON.parse(text(kept.private))).toEqual({ note: 'kept' });
    const renamed = { ...state, name: 'two', token: null };
    await apply(server, { priorState: created.state as TfObject, plannedState: renamed, plannedPrivate: note('kept') });
    const failed = await apply(server, { plannedState: { ...config, name: 'fails', id: UNKNOWN, token: UNKNOWN } });
    expect(JSON.parse(text(failed.private))).toEqual({ note: 'created' });
    expect(events).toEqual([
      'created test_thing t1 created',
      'stored test_thing t1 retired',
      'read sees nothing',
      'stored test_thing t1 kept',
      'read sees kept',
      'stored test_thing t1 kept',
    ]);
  });

  test('a resource that keeps nothing private stores no bytes', async () => {
    const { server } = await configured();
    expect((await apply(server, {})).private).toEqual(new Uint8Array());
  });
});

describe('FrameworkServer: upgradeResourceState', () => {
  const upgrade = (version: number, json: string | null) =>
    serve().server.upgradeResourceState({ typeName: 'test_thing', version, rawStateJson: json === null ? null : Buffer.from(json) });

  test('the current version is decoded as it is, write-only values null', async () => {
    const result = await upgrade(2, '{"id":"t1","name":"one","size":12345678901234567890,"password":"leak","token":null}');
    expect(result.state).toEqual({ id: 't1', name: 'one', size: new ExactNumber('12345678901234567890'), password: null, token: null });
  });

  test('an older version goes through its upgrader, from raw JSON with exact numbers', async () => {
    const result = await upgrade(1, '{"key":"t1","title":"old","size":12345678901234567890}');
    expect(result.diagnostics).toEqual([]);
    expect(result.state).toEqual({ id: 't1', name: 'old', size: new ExactNumber('12345678901234567890'), password: null, token: null });
  });

  test.each<[string, number, string]>([
    ['a newer version', 3, 'error: Failed to upgrade test_thing: state from a newer provider'],
    ['a version without upgrader', 0, 'error: Failed to upgrade test_thing: no state upgrade'],
  ])('%s is refused', async (_name, version, message) => {
    expect(summaries((await upgrade(version, '{}')).diagnostics)).toEqual([message]);
  });

  test('no stored state is no state', async () => {
    expect((await upgrade(2, null)).state).toBeNull();
  });
});

describe('FrameworkServer: configuration and calls', () => {
  test('a call before configure fails with a diagnostic, not an exception', async () => {
    const { server } = serve();
    const result = await apply(server, {});
    expect(result.diagnostics[0]?.detail).toMatch(/not configured/);
  });

  test('a provider block with unknown values defers configuration: planning gets no client, applying says why', async () => {
    const clients: unknown[] = [];
    const { server } = serve(thing({ modifyPlan: (req) => void clients.push(req.client) }));
    await server.configureProvider({ config: { api_key: UNKNOWN, region: null }, terraformVersion: '1.11.4' });
    await server.planResourceChange({ typeName: 'test_thing', priorState: null, proposedNewState: config, config, priorPrivate: new Uint8Array() });
    expect(clients).toEqual([undefined]);
    expect((await apply(server, {})).diagnostics[0]?.detail).toMatch(/only known after apply/);
  });

  test('a configuration replaced by the next one, or by an unknown one, is released, and so is the last at close', async () => {
    const released: number[] = [];
    let made = 0;
    const server = new FrameworkServer<{ n: number }>({
      schema: defineSchema({ description: 'p', attributes: { key: optional(stringType, { description: 'key' }) } }),
      configure: async () => ({ n: ++made }),
      release: async (client) => void released.push(client.n),
      resources: [],
      dataSources: [],
      ephemeralResources: [],
    });
    const configure = (key: string | typeof UNKNOWN) => server.configureProvider({ config: { key }, terraformVersion: '1.11.4' });
    await configure('a');
    expect(released).toEqual([]);
    await configure('b');
    expect(released).toEqual([1]);
    await configure(UNKNOWN);
    expect(released).toEqual([1, 2]);
    await configure('c');
    await server.close();
    expect(released).toEqual([1, 2, 3]);
    await server.close();
    expect(released).toEqual([1, 2, 3]);
  });

  test('each call into a resource or data source receives the client forCall made for that call alone', async () => {
    const seen: [string, number][] = [];
    let made = 0;
    const opSchema = defineSchema({
      description: 'op',
      attributes: { id: computed(stringType, { description: 'id', nullable: false }), name: required(stringType, { description: 'name' }) },
    });
    const server = new FrameworkServer<{ call: number }>({
      schema: defineSchema({ description: 'p', attributes: {} }),
      configure: async () => ({ call: 0 }),
      forCall: (configured) => ({ call: configured.call + ++made }),
      resources: [
        defineResource<typeof opSchema, { call: number }>({
          typeName: 'test_op',
          schema: opSchema,
          create: async ({ plan }, ctx) => (seen.push(['create', ctx.client.call]), { ...plan, id: 'o1' }),
          read: async ({ state }, ctx) => (seen.push(['read', ctx.client.call]), state),
          delete: async (_req, ctx) => void seen.push(['delete', ctx.client.call]),
        }),
      ],
      dataSources: [defineDataSource<typeof opSchema, { call: number }>({ typeName: 'test_op', schema: opSchema, read: async ({ config }, ctx) => (seen.push(['data', ctx.client.call]), { ...config, id: 'd1' }) })],
      ephemeralResources: [],
    });
    await server.configureProvider({ config: {}, terraformVersion: '1.11.4' });
    const opState = { id: 'o1', name: 'n' };
    const results = [
      await server.applyResourceChange({ typeName: 'test_op', priorState: null, plannedState: { id: UNKNOWN, name: 'n' }, config: { id: null, name: 'n' }, plannedPrivate: new Uint8Array() }),
      await server.readResource({ typeName: 'test_op', state: opState, private: new Uint8Array() }),
      await server.readDataSource({ typeName: 'test_op', config: { id: null, name: 'n' } }),
      await server.applyResourceChange({ typeName: 'test_op', priorState: opState, plannedState: null, config: null, plannedPrivate: new Uint8Array() }),
    ];
    expect(results.flatMap((r) => r.diagnostics)).toEqual([]);
    expect(seen).toEqual([['create', 1], ['read', 2], ['data', 3], ['delete', 4]]);
  });

  test('an unknown type is a diagnostic', async () => {
    const { server } = await configured();
    const result = await server.readResource({ typeName: 'test_nothing', state, private: new Uint8Array() });
    expect(summaries(result.diagnostics)).toEqual(['error: Unknown type']);
  });

  test('provider config validators run at validate', async () => {
    const { server } = serve(thing(), { configValidators: true });
    const result = await server.validateProviderConfig({ api_key: null, region: 'eu' });
    expect(summaries(result.diagnostics)).toEqual(['error: Missing argument api_key']);
  });

  test('a deprecated resource warns at validate; write-only values are refused to Terraform before 1.11', async () => {
    const deprecated = defineSchema({ ...schema, deprecated: 'Use test_other.', attributes: schema.attributes });
    const { server } = serve(thing({ schema: deprecated }));
    const result = await server.validateResourceConfig({ typeName: 'test_thing', config, capabilities: { deferralAllowed: false, writeOnlyAttributesAllowed: false } });
    expect(summaries(result.diagnostics)).toEqual(['warning: test_thing is deprecated', 'error: Write-only attribute not supported']);
  });

  test('a data source reads; an ephemeral resource opens and closes with its private data', async () => {
    const { server, store } = await configured();
    store.objects.set('t1', 'stored');
    expect((await server.readDataSource({ typeName: 'test_thing', config })).state).toMatchObject({ id: 'd1', name: 'stored', password: null });
    const opened = await server.openEphemeralResource({ typeName: 'test_thing', config });
    expect(opened.result).toMatchObject({ id: 'e1', token: 'eph-secret' });
    await server.closeEphemeralResource({ typeName: 'test_thing', private: opened.private });
    expect(store.calls).toEqual(['close e1']);
  });

  test('the call logger tags lines with the call and masks sensitive values of the call and of the provider block', async () => {
    const { server, store } = await configured(
      thing({
        async create({ plan, config: c }, ctx) {
          ctx.logger.info(`creating ${plan.name} with ${c.password}`, { key: 'provider-key-123', nested: { again: `x-hunter22-x` } });
          return { ...plan, id: 't1', token: null };
        },
      }),
    );
    await apply(server, {});
    const line = JSON.parse(store.lines.find((l) => l.includes('creating')) ?? '{}');
    expect(line).toMatchObject({
      '@message': 'creating one with [REDACTED]',
      key: '[REDACTED]',
      nested: { again: 'x-[REDACTED]-x' },
      tf_rpc: 'ApplyResourceChange',
      tf_resource_type: 'test_thing',
    });
  });

  test('schemas are built once and carry every type', () => {
    const { server } = serve();
    const schemas = server.schemas();
    expect(server.schemas()).toBe(schemas);
    expect(Object.keys(schemas.resources)).toEqual(['test_thing']);
    expect(schemas.resources.test_thing?.version).toBe(2);
  });
});
