// Runs test/unit/bridge/fixtures/plugin.ts as a real child process, the way Terraform runs a provider.
// The fixture is bundled with esbuild on the fly so these tests do not depend on a prior `npm run build`.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import * as grpc from '@grpc/grpc-js';
import { protocolServices } from '../../../../provider/bridge/protocol/load.js';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../../../../provider/bridge/handshake.js';
import { launch, type Launched } from '../../../support/process.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** Bundles the fixture under node_modules/ so its package imports resolve; returns the script path. */
export async function bundlePluginFixture(): Promise<string> {
  const outDir = join(repoRoot, 'node_modules', '.cache', 'bridge-test-fixtures');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, `plugin-${process.pid}-${process.env.JEST_WORKER_ID ?? '0'}.mjs`);
  await build({
    entryPoints: [fileURLToPath(new URL('../fixtures/plugin.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  return outfile;
}

/** What Terraform puts in a provider's environment; nothing is inherited from the test runner. */
export function terraformEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE,
    PLUGIN_PROTOCOL_VERSIONS: '5,6',
    TF_LOG_PROVIDER: 'debug',
    ...extra,
  };
}

export type PluginProcess = Launched;

export function startPlugin(script: string, env: Record<string, string>, args: string[] = []): PluginProcess {
  return launch(process.execPath, [script, ...args], { env });
}

/** Any node process, with the same output capture. */
export function startNode(nodeArgs: string[], env: Record<string, string>): PluginProcess {
  return launch(process.execPath, nodeArgs, { env });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function stopPlugin(plugin: PluginProcess): Promise<void> {
  await plugin.stop('SIGKILL');
}

/** The fields of a handshake line, with the server certificate as PEM when there is one. */
export function parseHandshake(line: string): { address: string; serverCertPem?: string } {
  const [, , , address, , cert] = line.split('|');
  if (!cert) return { address: address! };
  const body = Buffer.from(cert, 'base64').toString('base64').replace(/.{1,64}/g, '$&\n');
  return { address: address!, serverCertPem: `-----BEGIN CERTIFICATE-----\n${body}-----END CERTIFICATE-----\n` };
}

/** Client options that let a TLS client reach 127.0.0.1 while verifying the name `localhost`, as go-plugin does. */
export const LOCALHOST_TLS_OPTIONS: grpc.ChannelOptions = { 'grpc.ssl_target_name_override': 'localhost' };

interface HealthClient extends grpc.Client {
  Check(
    request: { service: string },
    options: grpc.CallOptions,
    callback: (error: grpc.ServiceError | null, response?: { status: string }) => void,
  ): void;
}
const HealthClient = grpc.makeGenericClientConstructor(protocolServices().health, 'Health');

/** go-plugin's health probe: the status of service "plugin", or the gRPC error. */
export function checkHealth(address: string, credentials: grpc.ChannelCredentials, options: grpc.ChannelOptions = {}) {
  const client = new HealthClient(address, credentials, options) as unknown as HealthClient;
  return new Promise<string>((resolve, reject) => {
    client.Check({ service: 'plugin' }, { deadline: Date.now() + 20_000 }, (error, response) => {
      client.close();
      if (error) reject(error);
      else resolve(response!.status);
    });
  });
}
