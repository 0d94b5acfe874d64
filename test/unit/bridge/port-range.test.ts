// PLUGIN_MIN_PORT / PLUGIN_MAX_PORT: the provider listens within the range go-plugin hosts ask for.
import { createServer, type Server } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import { bindLoopback, portRangeFromEnv } from '../../../provider/bridge/port-range.js';
import { parseHandshake, startPlugin, stopPlugin, terraformEnv, bundlePluginFixture } from './support/plugin-process.js';
import { rmSync } from 'node:fs';

const listen = (port: number) =>
  new Promise<Server>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));
const portOf = (server: Server) => (server.address() as { port: number }).port;

/** Two adjacent ports, the lower one held by us (so taken) and the upper one free when this returns. */
async function takenThenFree(): Promise<{ taken: Server; free: number }> {
  for (;;) {
    const taken = await listen(0);
    const next = portOf(taken) + 1;
    if (next > 65_535) {
      await close(taken);
      continue;
    }
    try {
      await close(await listen(next));
      return { taken, free: next };
    } catch {
      await close(taken);
    }
  }
}

describe('portRangeFromEnv', () => {
  test('no bounds: no range', () => {
    expect(portRangeFromEnv({})).toBeUndefined();
    expect(portRangeFromEnv({ PLUGIN_MIN_PORT: '', PLUGIN_MAX_PORT: '' })).toBeUndefined();
  });

  test("Terraform's bounds", () => {
    expect(portRangeFromEnv({ PLUGIN_MIN_PORT: '10000', PLUGIN_MAX_PORT: '25000' })).toEqual({ min: 10000, max: 25000 });
  });

  test('a bound that is not a port number is refused, naming the variable', () => {
    expect(() => portRangeFromEnv({ PLUGIN_MIN_PORT: 'abc', PLUGIN_MAX_PORT: '25000' })).toThrow(/PLUGIN_MIN_PORT must be a port number.*"abc"/);
    expect(() => portRangeFromEnv({ PLUGIN_MIN_PORT: '1', PLUGIN_MAX_PORT: '70000' })).toThrow(/PLUGIN_MAX_PORT must be a port number/);
  });

  test('min above max is refused, as go-plugin does (an unset max counts as 0)', () => {
    expect(() => portRangeFromEnv({ PLUGIN_MIN_PORT: '20000', PLUGIN_MAX_PORT: '10000' })).toThrow(/20000 is greater than PLUGIN_MAX_PORT value of 10000/);
    expect(() => portRangeFromEnv({ PLUGIN_MIN_PORT: '20000' })).toThrow(/greater than PLUGIN_MAX_PORT value of 0/);
  });
});

describe('bindLoopback', () => {
  const servers: grpc.Server[] = [];
  const newServer = () => {
    const server = new grpc.Server();
    servers.push(server);
    return server;
  };
  afterEach(() => servers.splice(0).forEach((s) => s.forceShutdown()));
  const insecure = grpc.ServerCredentials.createInsecure();

  test('skips a taken port of the range and takes a free one', async () => {
    const { taken, free } = await takenThenFree();
    try {
      // random() = 0 starts at the bottom: the taken port is tried first.
      const port = await bindLoopback(newServer(), insecure, { min: portOf(taken), max: free }, () => 0);
      expect(port).toBe(free);
    } finally {
      await close(taken);
    }
  });

  test('fails, naming the range, when every port of it is taken', async () => {
    const taken = await listen(0);
    try {
      await expect(bindLoopback(newServer(), insecure, { min: portOf(taken), max: portOf(taken) })).rejects.toThrow(
        new RegExp(`no free port on 127.0.0.1 between PLUGIN_MIN_PORT=${portOf(taken)} and PLUGIN_MAX_PORT=${portOf(taken)}`),
      );
    } finally {
      await close(taken);
    }
  });

  test('without a range the kernel picks a port', async () => {
    expect(await bindLoopback(newServer(), insecure, undefined)).toBeGreaterThan(0);
  });
});

describe('the plugin process', () => {
  let script: string;
  beforeAll(async () => {
    script = await bundlePluginFixture();
  });
  afterAll(() => rmSync(script, { force: true }));

  test('announces an address within PLUGIN_MIN_PORT..PLUGIN_MAX_PORT', async () => {
    const { taken, free } = await takenThenFree();
    const plugin = startPlugin(script, terraformEnv({ PLUGIN_MIN_PORT: String(portOf(taken)), PLUGIN_MAX_PORT: String(free) }));
    try {
      expect(parseHandshake(await plugin.firstLine()).address).toBe(`127.0.0.1:${free}`);
    } finally {
      await close(taken);
      await stopPlugin(plugin);
    }
  });

  test('a bad range stops it before the handshake, with the reason on stderr', async () => {
    const plugin = startPlugin(script, terraformEnv({ PLUGIN_MIN_PORT: '25000', PLUGIN_MAX_PORT: '10000' }));
    const exit = await plugin.exited;
    expect(exit.code).not.toBe(0);
    expect(plugin.stdout()).toBe('');
    expect(plugin.stderr()).toMatch(/PLUGIN_MIN_PORT value of 25000 is greater than PLUGIN_MAX_PORT value of 10000/);
  });
});
