// Runs a gRPC server the way go-plugin expects a plugin to: handshake on stdout, auto-mTLS, the go-plugin
// side services, and a process lifecycle that survives Ctrl-C but never outlives Terraform.
import * as grpc from '@grpc/grpc-js';
import { addGoPluginServices } from './go-plugin-services.js';
import {
  HandshakeError,
  PLUGIN_PROTOCOL_VERSION,
  checkMagicCookie,
  formatHandshakeLine,
  negotiateProtocolVersion,
} from './handshake.js';
import type { Logger } from './logging.js';
import { bindLoopback, portRangeFromEnv } from './port-range.js';
import { serverTransportFromEnv, type ServerTransport } from './tls.js';

export interface ServePluginOptions {
  /** Adds the plugin's own services (tfplugin6.Provider) to the server before it starts listening. */
  register(server: grpc.Server): void;
  logger: Logger;
  /** Serve for a debugger: plaintext, no magic cookie, reattach instructions on stdout. */
  debug?: boolean;
  /** Source address the reattach line is keyed by, e.g. registry.terraform.io/kestra-iam/kestra. */
  providerAddress: string;
  /** Runs once when the process is about to stop (Shutdown, SIGTERM, host gone), before the server closes. */
  onStop?: () => void;
}

export interface PluginHandle {
  /** `127.0.0.1:PORT`. */
  address: string;
  /** Ends open streams and stops the server; does not exit the process. */
  close(): Promise<void>;
}

/** terraform-plugin-go's limit; grpc-js would otherwise refuse requests over 4 MiB. */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
const PARENT_POLL_MS = 1_000;
/** How long a graceful close may wait for in-flight calls before they are cut. */
const CLOSE_GRACE_MS = 2_000;

/**
 * Starts serving. Outside debug mode, a process not launched by Terraform (no magic cookie, or no protocol
 * 6 on offer) writes the reason to stderr and exits 1 without touching stdout. Start-up failures after that
 * (port range, binding, certificate) reject the returned promise.
 */
export async function servePlugin(options: ServePluginOptions): Promise<PluginHandle> {
  const { logger, debug = false } = options;
  if (!debug) refuseUnlessLaunchedByHost(process.env);

  const transport: ServerTransport = debug
    ? { credentials: grpc.ServerCredentials.createInsecure() }
    : serverTransportFromEnv(process.env);

  const server = new grpc.Server({
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
  });
  const goPlugin = addGoPluginServices(server, {
    logger,
    onShutdown: () => void stopAndExit('plugin host requested shutdown'),
  });
  options.register(server);

  const port = await bindLoopback(server, transport.credentials, portRangeFromEnv(process.env));
  const address = `127.0.0.1:${port}`;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      goPlugin.endStreams();
      const force = setTimeout(() => server.forceShutdown(), CLOSE_GRACE_MS).unref();
      server.tryShutdown(() => {
        clearTimeout(force);
        resolve();
      });
    });
    return closing;
  };

  let stopping = false;
  const stopAndExit = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.debug('plugin stopping', { reason });
    options.onStop?.();
    await close();
    process.exit(0);
  };

  process.on('SIGTERM', () => void stopAndExit('SIGTERM'));
  if (debug) {
    process.on('SIGINT', () => void stopAndExit('SIGINT'));
    process.stdout.write(reattachInstructions(options.providerAddress, address));
  } else {
    // Ctrl-C reaches us as well as Terraform; Terraform answers it with StopProvider and lets the
    // in-flight apply finish, which it can only do if we are still here.
    process.on('SIGINT', () => logger.debug('ignoring SIGINT; the plugin host decides when to stop'));
    watchParent(() => void stopAndExit('plugin host exited'));
    process.stdout.write(formatHandshakeLine({ address, ...(transport.certificate ? { certificateDer: transport.certificate.der } : {}) }));
  }
  logger.debug('plugin serving', { address, tls: transport.certificate !== undefined, debug });
  return { address, close };
}

function refuseUnlessLaunchedByHost(env: NodeJS.ProcessEnv): void {
  try {
    checkMagicCookie(env);
    negotiateProtocolVersion(env);
  } catch (error) {
    if (!(error instanceof HandshakeError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

/** Terraform may die without calling Shutdown (SIGKILL, crash); we are then re-parented and must not linger. */
function watchParent(onGone: () => void): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) onGone();
  }, PARENT_POLL_MS).unref();
}

/** What terraform-plugin-go prints in debug mode: Terraform connects to a running provider via TF_REATTACH_PROVIDERS. */
export function reattachInstructions(providerAddress: string, address: string): string {
  const reattach = {
    [providerAddress]: {
      Protocol: 'grpc',
      ProtocolVersion: PLUGIN_PROTOCOL_VERSION,
      Pid: process.pid,
      Test: true,
      Addr: { Network: 'tcp', String: address },
    },
  };
  return (
    `Provider serving in debug mode on ${address}. Run Terraform in a shell with this variable set ` +
    `(Ctrl-C here stops the provider):\n` +
    `TF_REATTACH_PROVIDERS='${JSON.stringify(reattach)}'\n`
  );
}
