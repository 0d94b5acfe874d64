// Runs a gRPC server the way go-plugin expects a plugin to: handshake line, auto-mTLS, the go-plugin side
// services. `startPluginServer` is one such server for one Terraform session, given that session's
// environment; `servePlugin` is the ordinary plugin process around it (handshake on stdout, a process
// lifecycle that survives Ctrl-C but never outlives Terraform). The reuse server (provider/launch/) runs
// one `startPluginServer` per attached session instead.
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

export interface PluginServerOptions {
  /** The session's environment: PLUGIN_CLIENT_CERT, PLUGIN_MIN_PORT/PLUGIN_MAX_PORT. */
  env: NodeJS.ProcessEnv;
  /** Adds the plugin's own services (tfplugin6.Provider) to the server before it starts listening. */
  register(server: grpc.Server): void;
  logger: Logger;
  /** Serve plaintext whatever the environment says (debug mode). */
  insecure?: boolean;
  /** Called once the host's Shutdown has been answered. */
  onShutdown(): void;
}

export interface PluginServer {
  /** `127.0.0.1:PORT`. */
  address: string;
  /** What the host reads to connect: go-plugin's handshake line, with its newline. */
  handshakeLine: string;
  tls: boolean;
  /** Ends open streams and stops the server, waiting up to two seconds for calls in flight. */
  close(): Promise<void>;
}

/** terraform-plugin-go's limit; grpc-js would otherwise refuse requests over 4 MiB. */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
const PARENT_POLL_MS = 1_000;
/** How long a graceful close may wait for in-flight calls before they are cut. */
const CLOSE_GRACE_MS = 2_000;

/**
 * The session's refusal, when `env` is not that of a Terraform that offers protocol 6: a process not
 * launched by Terraform says why instead of serving.
 */
export function hostRefusal(env: NodeJS.ProcessEnv): string | undefined {
  try {
    checkMagicCookie(env);
    negotiateProtocolVersion(env);
    return undefined;
  } catch (error) {
    if (error instanceof HandshakeError) return error.message;
    throw error;
  }
}

/** Listens for one session. Rejects on start-up failures (port range, binding, certificate). */
export async function startPluginServer(options: PluginServerOptions): Promise<PluginServer> {
  const transport: ServerTransport = options.insecure
    ? { credentials: grpc.ServerCredentials.createInsecure() }
    : serverTransportFromEnv(options.env);
  const server = new grpc.Server({
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
    // Channelz (gRPC's introspection service, which this server does not offer) otherwise counts every call.
    'grpc.enable_channelz': 0,
  });
  const goPlugin = addGoPluginServices(server, { logger: options.logger, onShutdown: options.onShutdown });
  options.register(server);
  const port = await bindLoopback(server, transport.credentials, portRangeFromEnv(options.env));
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
  const handshakeLine = formatHandshakeLine({ address, ...(transport.certificate ? { certificateDer: transport.certificate.der } : {}) });
  return { address, handshakeLine, tls: transport.certificate !== undefined, close };
}

export interface ServePluginOptions {
  register(server: grpc.Server): void;
  logger: Logger;
  /** Serve for a debugger: plaintext, no magic cookie, reattach instructions on stdout. */
  debug?: boolean;
  /** Source address the reattach line is keyed by, e.g. registry.terraform.io/kestra-iam/kestra. */
  providerAddress: string;
  /** Runs once when the process is about to stop (Shutdown, SIGTERM, host gone), before the server closes. */
  onStop?: () => void;
}

/**
 * Serves this process's one session. Outside debug mode, a process not launched by Terraform (no magic
 * cookie, or no protocol 6 on offer) writes the reason to stderr and exits 1 without touching stdout.
 */
export async function servePlugin(options: ServePluginOptions): Promise<PluginServer> {
  const { logger, debug = false } = options;
  if (!debug) {
    const refusal = hostRefusal(process.env);
    if (refusal !== undefined) {
      process.stderr.write(`${refusal}\n`);
      process.exit(1);
    }
  }
  let stopping = false;
  const stopAndExit = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.debug('plugin stopping', { reason });
    options.onStop?.();
    await plugin.close();
    process.exit(0);
  };
  const plugin = await startPluginServer({
    env: process.env,
    logger,
    insecure: debug,
    register: options.register,
    onShutdown: () => void stopAndExit('plugin host requested shutdown'),
  });

  process.on('SIGTERM', () => void stopAndExit('SIGTERM'));
  if (debug) {
    process.on('SIGINT', () => void stopAndExit('SIGINT'));
    process.stdout.write(reattachInstructions(options.providerAddress, plugin.address));
  } else {
    // Ctrl-C reaches us as well as Terraform; Terraform answers it with StopProvider and lets the
    // in-flight apply finish, which it can only do if we are still here.
    process.on('SIGINT', () => logger.debug('ignoring SIGINT; the plugin host decides when to stop'));
    watchParent(() => void stopAndExit('plugin host exited'));
    process.stdout.write(plugin.handshakeLine);
  }
  logger.debug('plugin serving', { address: plugin.address, tls: plugin.tls, debug });
  return plugin;
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
