// Runs test/unit/bridge/fixtures/plugin.ts as a real child process, the way Terraform runs a provider.
// The fixture is bundled with esbuild on the fly so these tests do not depend on a prior `npm run build`.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import * as grpc from '@grpc/grpc-js';
import { protocolServices } from '../../../../provider/bridge/protocol/load.js';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../../../../provider/bridge/handshake.js';

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

export interface PluginProcess {
  child: ChildProcess;
  /** Resolves with the first complete stdout line, without its newline. */
  firstLine(): Promise<string>;
  /** Resolves once stdout contains a line matching `pattern`. */
  stdoutLine(pattern: RegExp): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout(): string;
  stderr(): string;
}

export function startPlugin(script: string, env: Record<string, string>, args: string[] = []): PluginProcess {
  return startNode([script, ...args], env);
}

/** Any node process, with the same stdout/stderr capture. */
export function startNode(nodeArgs: string[], env: Record<string, string>): PluginProcess {
  return startProcess(process.execPath, nodeArgs, env);
}

/** Any executable (a launcher script, say), with the same stdout/stderr capture. */
export function startProcess(command: string, args: string[], env: Record<string, string>): PluginProcess {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: Array<() => void> = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    waiters.forEach((wake) => wake());
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  const stdoutLine = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const line = stdout.split('\n').slice(0, -1).find((l) => pattern.test(l));
        if (line !== undefined) resolve(line);
      };
      waiters.push(check);
      check();
      void exited.then(() => reject(new Error(`plugin exited before printing ${pattern}\nstderr:\n${stderr}`)));
    });
  return {
    child,
    firstLine: () => stdoutLine(/^/).then(() => stdout.split('\n')[0]!),
    stdoutLine,
    exited,
    stdout: () => stdout,
    stderr: () => stderr,
  };
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
  if (plugin.child.exitCode === null && plugin.child.signalCode === null) plugin.child.kill('SIGKILL');
  await plugin.exited;
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
