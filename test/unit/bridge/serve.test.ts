import { X509Certificate } from 'node:crypto';
import { rmSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import type { GRPCControllerClient } from '../../../schema/generated/plugin/GRPCController.js';
import type { ProviderClient } from '../../../schema/generated/tfplugin6/Provider.js';
import type { _tfplugin6_GetProviderSchema_Response__Output as ProviderSchemaResponse } from '../../../schema/generated/tfplugin6/GetProviderSchema.js';
import { loadProtocol } from '../../../provider/bridge/protocol/load.js';
import { createServerCertificate, type ServerCertificate } from '../../../provider/bridge/tls.js';
import {
  LOCALHOST_TLS_OPTIONS,
  bundlePluginFixture,
  checkHealth,
  parseHandshake,
  isAlive,
  startNode,
  startPlugin,
  stopPlugin,
  terraformEnv,
  type PluginProcess,
} from './support/plugin-process.js';

type Ctor<T> = new (address: string, credentials: grpc.ChannelCredentials, options?: grpc.ChannelOptions) => T;
const tree = loadProtocol() as unknown as {
  tfplugin6: { Provider: Ctor<ProviderClient> };
  plugin: { GRPCController: Ctor<GRPCControllerClient> };
};

let script: string;
const running: PluginProcess[] = [];
let orphanPid: number | undefined;
/** Starts the fixture plugin (or, with `nodeArgs`, another node program) and stops it after the test. */
const launch = (env: Record<string, string>, args: string[] = [], nodeArgs?: string[]) => {
  const plugin = nodeArgs ? startNode(nodeArgs, env) : startPlugin(script, env, args);
  running.push(plugin);
  return plugin;
};

beforeAll(async () => {
  script = await bundlePluginFixture();
});
afterAll(() => rmSync(script, { force: true }));
afterEach(async () => {
  // The orphan first: while it lives, it holds the output of the host that started it open.
  if (orphanPid !== undefined && isAlive(orphanPid)) process.kill(orphanPid, 'SIGKILL');
  orphanPid = undefined;
  await Promise.all(running.splice(0).map(stopPlugin));
});

/** `promise`, or a failure saying `failure` once `seconds` have passed: a bound for what must end, not a placement. */
function withinSeconds<T>(seconds: number, promise: Promise<T>, failure: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(failure)), seconds * 1000);
  });
  return Promise.race([promise, bound]).finally(() => clearTimeout(timer));
}

function getProviderSchema(address: string, credentials: grpc.ChannelCredentials, options: grpc.ChannelOptions = {}) {
  const client = new tree.tfplugin6.Provider(address, credentials, options);
  return new Promise<ProviderSchemaResponse>((resolve, reject) =>
    client.GetProviderSchema({}, (error, response) => {
      client.close();
      if (error) reject(error);
      else resolve(response!);
    }),
  );
}

function shutdown(address: string, credentials: grpc.ChannelCredentials, options: grpc.ChannelOptions = {}) {
  const client = new tree.plugin.GRPCController(address, credentials, options);
  return new Promise<void>((resolve, reject) =>
    client.Shutdown({}, (error) => {
      client.close();
      if (error) reject(error);
      else resolve();
    }),
  );
}

describe('started by hand', () => {
  test('without the magic cookie it explains itself on stderr, prints nothing on stdout and exits 1', async () => {
    const plugin = launch({ PATH: process.env.PATH ?? '' });
    expect((await plugin.exited).code).toBe(1);
    expect(plugin.stderr()).toMatch(/Terraform provider plugin\. It is not meant to be run by hand/);
    expect(plugin.stdout()).toBe('');
  });

  test('a host that cannot speak protocol 6 is refused the same way', async () => {
    const plugin = launch(terraformEnv({ PLUGIN_PROTOCOL_VERSIONS: '5' }));
    expect((await plugin.exited).code).toBe(1);
    expect(plugin.stderr()).toMatch(/protocol 6 only/);
    expect(plugin.stdout()).toBe('');
  });
});

describe('auto-mTLS', () => {
  let terraformClientCert: ServerCertificate;
  let plugin: PluginProcess;
  let address: string;
  let trusted: grpc.ChannelCredentials;
  let serverCertPem: string;

  beforeAll(async () => {
    terraformClientCert = await createServerCertificate();
  });
  beforeEach(async () => {
    plugin = launch(terraformEnv({ PLUGIN_CLIENT_CERT: terraformClientCert.certPem }));
    const handshake = parseHandshake(await plugin.firstLine());
    address = handshake.address;
    serverCertPem = handshake.serverCertPem!;
    trusted = grpc.credentials.createSsl(
      Buffer.from(serverCertPem),
      Buffer.from(terraformClientCert.keyPem),
      Buffer.from(terraformClientCert.certPem),
    );
  });

  test('the handshake is the first stdout line and carries the server certificate', async () => {
    expect(address).toMatch(/^127\.0\.0\.1:\d+$/);
    // The certificate Terraform pins for this connection, issued for the name go-plugin verifies.
    expect(new X509Certificate(serverCertPem).subjectAltName).toContain('DNS:localhost');
    expect(plugin.stdout().indexOf('1|6|tcp|')).toBe(0);
  });

  test('a client presenting the certificate from PLUGIN_CLIENT_CERT reaches every service', async () => {
    await expect(checkHealth(address, trusted, LOCALHOST_TLS_OPTIONS)).resolves.toBe('SERVING');
    const schema = await getProviderSchema(address, trusted, LOCALHOST_TLS_OPTIONS);
    expect(schema.provider?.block?.description).toBe('fixture provider');
  });

  test('a client without a certificate is rejected', async () => {
    const anonymous = grpc.credentials.createSsl(Buffer.from(serverCertPem));
    await expect(checkHealth(address, anonymous, LOCALHOST_TLS_OPTIONS)).rejects.toMatchObject({
      code: grpc.status.UNAVAILABLE,
    });
  });

  test('a client with some other certificate is rejected', async () => {
    const stranger = await createServerCertificate();
    const credentials = grpc.credentials.createSsl(
      Buffer.from(serverCertPem),
      Buffer.from(stranger.keyPem),
      Buffer.from(stranger.certPem),
    );
    await expect(checkHealth(address, credentials, LOCALHOST_TLS_OPTIONS)).rejects.toMatchObject({
      code: grpc.status.UNAVAILABLE,
    });
  });

  test('a plaintext client is rejected', async () => {
    await expect(checkHealth(address, grpc.credentials.createInsecure())).rejects.toMatchObject({
      code: grpc.status.UNAVAILABLE,
    });
  });
});

describe('plaintext (TF_DISABLE_PLUGIN_TLS)', () => {
  test('without PLUGIN_CLIENT_CERT the certificate field is empty and plaintext clients are served', async () => {
    const plugin = launch(terraformEnv());
    const line = await plugin.firstLine();
    expect(line).toMatch(/^1\|6\|tcp\|127\.0\.0\.1:\d+\|grpc\|$/);
    const { address } = parseHandshake(line);
    const schema = await getProviderSchema(address, grpc.credentials.createInsecure());
    expect(schema.provider?.block?.description).toBe('fixture provider');
  });
});

describe('process lifecycle', () => {
  test('Shutdown is answered, onStop runs and the process exits 0', async () => {
    const plugin = launch(terraformEnv());
    const { address } = parseHandshake(await plugin.firstLine());
    await shutdown(address, grpc.credentials.createInsecure());
    expect(await plugin.exited).toEqual({ code: 0, signal: null });
    expect(plugin.stderr()).toContain('fixture: onStop');
  });

  test('Ctrl-C does not kill the plugin (Terraform stops it), SIGTERM does', async () => {
    const plugin = launch(terraformEnv());
    const { address } = parseHandshake(await plugin.firstLine());
    plugin.child.kill('SIGINT');
    await expect(checkHealth(address, grpc.credentials.createInsecure())).resolves.toBe('SERVING');
    expect(plugin.child.exitCode).toBeNull();
    plugin.child.kill('SIGTERM');
    expect(await plugin.exited).toEqual({ code: 0, signal: null });
  });

  test('the plugin exits when Terraform dies without calling Shutdown', async () => {
    // Stands in for a Terraform that is killed: starts the plugin, waits for its handshake, reports its pid and
    // exits. The plugin writes to the host's stderr, which is ours: it closes only once the plugin has ended too.
    const host = launch(
      terraformEnv({ FIXTURE_SCRIPT: script }),
      [],
      [
        '--input-type=module',
        '-e',
        `import { spawn } from 'node:child_process';
         const plugin = spawn(process.execPath, [process.env.FIXTURE_SCRIPT], { stdio: ['ignore', 'pipe', 'inherit'] });
         plugin.stdout.once('data', () => { process.stdout.write(plugin.pid + '\\n'); process.exit(0); });`,
      ],
    );
    orphanPid = Number(await host.firstLine());
    expect(await withinSeconds(30, host.exited, `the plugin (pid ${orphanPid}) still runs 30 s after its host exited`)).toEqual({ code: 0, signal: null });
    // It stopped the way Shutdown stops it, because it noticed its host was gone.
    expect(host.stderr()).toMatch(/"@message":"plugin stopping".*"reason":"plugin host exited"/);
    expect(host.stderr()).toContain('fixture: onStop');
  });
});

describe('debug mode', () => {
  test('serves plaintext without the cookie and tells the user how to point Terraform at it', async () => {
    const plugin = launch({ PATH: process.env.PATH ?? '' }, ['--debug']);
    const line = await plugin.line(/^TF_REATTACH_PROVIDERS=/);
    const json = /^TF_REATTACH_PROVIDERS='(.*)'$/.exec(line)![1]!;
    const reattach = JSON.parse(json);
    const entry = reattach['registry.terraform.io/kestra-iam/kestra'];
    expect(entry).toEqual({
      Protocol: 'grpc',
      ProtocolVersion: 6,
      Pid: plugin.child.pid,
      Test: true,
      Addr: { Network: 'tcp', String: expect.stringMatching(/^127\.0\.0\.1:\d+$/) },
    });
    expect(plugin.stdout().split('\n')[0]).toMatch(/debug mode/);
    await expect(checkHealth(entry.Addr.String, grpc.credentials.createInsecure())).resolves.toBe('SERVING');
    plugin.child.kill('SIGINT');
    expect(await plugin.exited).toEqual({ code: 0, signal: null });
  });
});
