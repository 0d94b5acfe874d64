// The go-plugin handshake: the preconditions Terraform sets in our environment, and the one stdout line
// that tells it where and how to connect.

export const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';
/** Fixed by Terraform for every provider; it only proves we were launched by a plugin host. */
export const MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';

/** go-plugin's own protocol version: the first field of the handshake line. */
export const CORE_PROTOCOL_VERSION = 1;
/** The only Terraform plugin protocol we speak (tfplugin6). */
export const PLUGIN_PROTOCOL_VERSION = 6;

export type HandshakeErrorCode = 'NOT_LAUNCHED_BY_TERRAFORM' | 'PROTOCOL_VERSION_UNSUPPORTED';

/** A reason to refuse to start; its message is written for the person who will read it on stderr. */
export class HandshakeError extends Error {
  override readonly name = 'HandshakeError';
  constructor(
    readonly code: HandshakeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function checkMagicCookie(env: NodeJS.ProcessEnv): void {
  if (env[MAGIC_COOKIE_KEY] === MAGIC_COOKIE_VALUE) return;
  throw new HandshakeError(
    'NOT_LAUNCHED_BY_TERRAFORM',
    'This binary is a Terraform provider plugin. It is not meant to be run by hand: Terraform starts it ' +
      'when a configuration requires the provider. To attach a debugger, run it with --debug instead.',
  );
}

/**
 * Picks the protocol version from PLUGIN_PROTOCOL_VERSIONS (a comma-separated list offered by the host).
 * An absent variable means a host too old to negotiate, which go-plugin treats as "the configured version".
 */
export function negotiateProtocolVersion(env: NodeJS.ProcessEnv): typeof PLUGIN_PROTOCOL_VERSION {
  const offered = env.PLUGIN_PROTOCOL_VERSIONS;
  if (offered === undefined || offered.trim() === '') return PLUGIN_PROTOCOL_VERSION;
  const versions = offered.split(',').map((v) => Number.parseInt(v.trim(), 10));
  if (versions.includes(PLUGIN_PROTOCOL_VERSION)) return PLUGIN_PROTOCOL_VERSION;
  throw new HandshakeError(
    'PROTOCOL_VERSION_UNSUPPORTED',
    `This provider speaks Terraform plugin protocol ${PLUGIN_PROTOCOL_VERSION} only, but the host offered ` +
      `"${offered}". Use Terraform 1.0 or newer.`,
  );
}

export interface HandshakeLine {
  /** `host:port` the gRPC server listens on. */
  address: string;
  /** DER of the server certificate under auto-mTLS; absent when serving plaintext. */
  certificateDer?: Uint8Array;
}

/**
 * `1|6|tcp|127.0.0.1:PORT|grpc|CERT` with a newline. The host decodes CERT as unpadded standard base64
 * of the DER (the line cannot hold PEM's newlines), and ignores it when empty.
 */
export function formatHandshakeLine({ address, certificateDer }: HandshakeLine): string {
  const cert = certificateDer ? Buffer.from(certificateDer).toString('base64').replace(/=+$/, '') : '';
  return [CORE_PROTOCOL_VERSION, PLUGIN_PROTOCOL_VERSION, 'tcp', address, 'grpc', cert].join('|') + '\n';
}
