// go-plugin auto-mTLS. Terraform puts its client certificate (PEM) in PLUGIN_CLIENT_CERT; we answer with a
// fresh self-signed server certificate, sent as DER in the handshake line, and require that client
// certificate on every connection. Without PLUGIN_CLIENT_CERT (TF_DISABLE_PLUGIN_TLS, debug mode) we serve
// plaintext, as a Go plugin does.
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import * as der from './der.js';

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

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
};
/** RFC 5280 KeyUsage bit numbers. */
const KEY_USAGE = { digitalSignature: 0, keyEncipherment: 2, keyAgreement: 4, keyCertSign: 5 };

/**
 * A certificate the Go TLS client accepts for `localhost`, the one template go-plugin itself uses: ECDSA
 * (P-256 here) self-signed, `CN=localhost, O=HashiCorp`, valid from 30 s ago, CA so that it is its own
 * root, KeyUsage digitalSignature|keyEncipherment|keyAgreement|certSign, EKU serverAuth+clientAuth, SAN
 * DNS:localhost. Encoded by hand (see der.ts): a general X.509 library costs a hundred milliseconds to
 * load, and Terraform starts a provider process for every graph walk.
 */
export function createServerCertificate(now: Date = new Date()): ServerCertificate {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const signatureAlgorithm = der.sequence(der.oid(OID.ecdsaWithSha256));
  const name = der.sequence(
    der.set(der.sequence(der.oid(OID.commonName), der.utf8String('localhost'))),
    der.set(der.sequence(der.oid(OID.organization), der.utf8String('HashiCorp'))),
  );
  const extension = (id: string, critical: boolean, value: Buffer) =>
    der.sequence(der.oid(id), ...(critical ? [der.boolean(true)] : []), der.octetString(value));

  const tbs = der.sequence(
    der.explicit(0, der.smallInteger(2)), // v3
    // 16 random bytes under a leading 0x01: positive, non-zero and within RFC 5280's 20 octets.
    der.unsignedInteger(Buffer.concat([Buffer.from([1]), randomBytes(15)])),
    signatureAlgorithm,
    name,
    der.sequence(der.x509Time(new Date(now.getTime() - BACKDATE_MS)), der.x509Time(new Date(now.getTime() + LIFETIME_MS))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    der.explicit(
      3,
      der.sequence(
        extension(OID.basicConstraints, true, der.sequence(der.boolean(true))),
        extension(OID.keyUsage, true, der.namedBits(Object.values(KEY_USAGE))),
        extension(OID.extKeyUsage, false, der.sequence(der.oid(OID.serverAuth), der.oid(OID.clientAuth))),
        extension(OID.subjectAltName, false, der.sequence(der.implicitPrimitive(2, Buffer.from('localhost', 'ascii')))),
      ),
    ),
  );
  // node:crypto signs ECDSA as the DER Ecdsa-Sig-Value X.509 expects.
  const certificate = der.sequence(tbs, signatureAlgorithm, der.bitStringBytes(sign('sha256', tbs, privateKey)));
  return {
    der: new Uint8Array(certificate),
    certPem: toPem('CERTIFICATE', certificate),
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  };
}

/** mTLS when the host sent a client certificate, plaintext otherwise. */
export function serverTransportFromEnv(env: NodeJS.ProcessEnv): ServerTransport {
  const clientCertPem = env.PLUGIN_CLIENT_CERT;
  if (!clientCertPem) return { credentials: grpc.ServerCredentials.createInsecure() };
  const certificate = createServerCertificate();
  const credentials = grpc.ServerCredentials.createSsl(
    Buffer.from(clientCertPem),
    [{ private_key: Buffer.from(certificate.keyPem), cert_chain: Buffer.from(certificate.certPem) }],
    true,
  );
  return { credentials, certificate };
}

function toPem(label: string, body: Buffer): string {
  const lines = body.toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${lines}-----END ${label}-----\n`;
}
