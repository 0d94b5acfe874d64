// go-plugin auto-mTLS. Terraform puts its client certificate (PEM) in PLUGIN_CLIENT_CERT; we answer with a
// fresh self-signed server certificate, sent as DER in the handshake line, and require that client
// certificate on every connection. Without PLUGIN_CLIENT_CERT (TF_DISABLE_PLUGIN_TLS, debug mode) we serve
// plaintext, as a Go plugin does.
import { randomBytes, webcrypto } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';

export interface ServerCertificate {
  /** Raw DER, for the handshake line. */
  der: Uint8Array;
  certPem: string;
  /** PKCS#8 PEM. */
  keyPem: string;
}

export interface ServerTransport {
  credentials: grpc.ServerCredentials;
  /** Present only under TLS. */
  certificate?: ServerCertificate;
}

const LIFETIME_MS = 24 * 3600_000;
/** Same allowance go-plugin gives for clock skew between host and plugin. */
const BACKDATE_MS = 30_000;

/** A certificate the Go TLS client accepts for `localhost`: SAN localhost, valid now, CA so it can be its own root. */
export async function createServerCertificate(now: Date = new Date()): Promise<ServerCertificate> {
  // Loaded only when TLS is on: start-up cost matters, Terraform starts one process per graph walk.
  // @peculiar/x509 needs the reflect-metadata polyfill installed before it is imported.
  await import('reflect-metadata');
  const x509 = await import('@peculiar/x509');
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    // Leading 0x01 keeps the DER integer positive, which Go requires.
    serialNumber: '01' + randomBytes(15).toString('hex'),
    name: 'CN=localhost, O=HashiCorp',
    notBefore: new Date(now.getTime() - BACKDATE_MS),
    notAfter: new Date(now.getTime() + LIFETIME_MS),
    signingAlgorithm: algorithm,
    keys: keys as unknown as Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0]['keys'],
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature |
          x509.KeyUsageFlags.keyEncipherment |
          x509.KeyUsageFlags.keyAgreement |
          x509.KeyUsageFlags.keyCertSign,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
      new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'localhost' }]),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return {
    der: new Uint8Array(cert.rawData),
    certPem: cert.toString('pem'),
    keyPem: toPem('PRIVATE KEY', pkcs8),
  };
}

/** mTLS when the host sent a client certificate, plaintext otherwise. */
export async function serverTransportFromEnv(env: NodeJS.ProcessEnv): Promise<ServerTransport> {
  const clientCertPem = env.PLUGIN_CLIENT_CERT;
  if (!clientCertPem) return { credentials: grpc.ServerCredentials.createInsecure() };
  const certificate = await createServerCertificate();
  const credentials = grpc.ServerCredentials.createSsl(
    Buffer.from(clientCertPem),
    [{ private_key: Buffer.from(certificate.keyPem), cert_chain: Buffer.from(certificate.certPem) }],
    true,
  );
  return { credentials, certificate };
}

function toPem(label: string, der: Buffer): string {
  const body = der.toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${body}-----END ${label}-----\n`;
}
