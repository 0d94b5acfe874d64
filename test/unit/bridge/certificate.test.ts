// The auto-mTLS server certificate is DER we encode ourselves: checked here against OpenSSL's reading of it,
// against Node's X.509 parser, and in a real TLS handshake with a client certificate shaped like Terraform's.
import { execFileSync } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tls from 'node:tls';
import * as der from '../../../provider/bridge/der.js';
import { createServerCertificate } from '../../../provider/bridge/tls.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('DER primitives', () => {
  test('lengths use the short form below 128 and the shortest long form above', () => {
    expect(hex(der.tlv(0x04, Buffer.alloc(127))).slice(0, 4)).toBe('047f');
    expect(hex(der.tlv(0x04, Buffer.alloc(128))).slice(0, 6)).toBe('048180');
    expect(hex(der.tlv(0x04, Buffer.alloc(300))).slice(0, 8)).toBe('0482012c');
  });

  test('integers are minimal and stay positive', () => {
    expect(hex(der.unsignedInteger(Buffer.from([0, 0, 5])))).toBe('020105');
    expect(hex(der.unsignedInteger(Buffer.from([0x80])))).toBe('02020080');
    expect(hex(der.unsignedInteger(Buffer.from([0])))).toBe('020100');
  });

  test('object identifiers, including multi-byte arcs', () => {
    expect(hex(der.oid('1.2.840.10045.4.3.2'))).toBe('06082a8648ce3d040302');
    expect(hex(der.oid('2.5.29.17'))).toBe('0603551d11');
    expect(() => der.oid('1')).toThrow(/not an OID/);
  });

  test('named bits drop trailing zero bits and count the unused ones', () => {
    // digitalSignature, keyEncipherment, keyAgreement, keyCertSign: 1010 1100, two unused bits.
    expect(hex(der.namedBits([0, 2, 4, 5]))).toBe('030202ac');
    expect(hex(der.namedBits([8]))).toBe('0303070080');
  });

  test('times are UTCTime until 2049 and GeneralizedTime from 2050', () => {
    expect(der.x509Time(new Date(Date.UTC(2049, 11, 31, 23, 59, 59))).toString('latin1')).toBe('\x17\x0d491231235959Z');
    expect(der.x509Time(new Date(Date.UTC(2050, 0, 1, 0, 0, 0))).toString('latin1')).toBe('\x18\x0f20500101000000Z');
  });
});

describe('the server certificate', () => {
  const now = new Date();
  const cert = createServerCertificate(now);
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kestra-cert-'));
    writeFileSync(join(dir, 'server.pem'), cert.certPem);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const openssl = (...args: string[]) => execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  test('OpenSSL reads the template go-plugin uses', () => {
    const text = openssl('x509', '-in', join(dir, 'server.pem'), '-noout', '-text');
    expect(text).toMatch(/Version: 3 \(0x2\)/);
    expect(text).toMatch(/Signature Algorithm: ecdsa-with-SHA256/);
    expect(text).toMatch(/Issuer: CN = localhost, O = HashiCorp/);
    expect(text).toMatch(/Subject: CN = localhost, O = HashiCorp/);
    expect(text).toMatch(/NIST CURVE: P-256/);
    expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:TRUE/);
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Key Encipherment, Key Agreement, Certificate Sign/);
    expect(text).toMatch(/X509v3 Extended Key Usage:\s+TLS Web Server Authentication, TLS Web Client Authentication/);
    expect(text).toMatch(/X509v3 Subject Alternative Name:\s+DNS:localhost/);
    expect(openssl('x509', '-in', join(dir, 'server.pem'), '-noout', '-checkhost', 'localhost')).toMatch(/does match/);
  });

  test('it is self-signed with a valid signature, and the PEM and the DER agree', () => {
    expect(openssl('verify', '-CAfile', join(dir, 'server.pem'), join(dir, 'server.pem'))).toMatch(/: OK/);
    expect(execFileSync('openssl', ['x509', '-in', join(dir, 'server.pem'), '-outform', 'DER'])).toEqual(Buffer.from(cert.der));
    expect(() => execFileSync('openssl', ['asn1parse', '-in', join(dir, 'server.pem'), '-strictpem'], { stdio: 'pipe' })).not.toThrow();
  });

  test('it is valid from 30 s before now for a day, with a positive serial, and each one is new', () => {
    const x509 = new X509Certificate(cert.der);
    expect(new Date(x509.validFrom).getTime()).toBe(Math.floor(now.getTime() / 1000) * 1000 - 30_000);
    expect(new Date(x509.validTo).getTime() - new Date(x509.validFrom).getTime()).toBe(24 * 3600_000 + 30_000);
    expect(x509.ca).toBe(true);
    expect(x509.checkHost('localhost')).toBe('localhost');
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.serialNumber).toMatch(/^01[0-9A-F]{30}$/);
    expect(x509.checkPrivateKey(createPrivateKey(cert.keyPem))).toBe(true);
    expect(createServerCertificate(now).certPem).not.toBe(cert.certPem);
  });

  test('a TLS handshake with a Terraform-shaped client certificate (P-521, made by OpenSSL) succeeds both ways', async () => {
    openssl(
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-521', '-nodes', '-days', '2',
      '-subj', '/O=HashiCorp/CN=localhost', '-addext', 'subjectAltName=DNS:localhost',
      '-addext', 'basicConstraints=critical,CA:TRUE',
      '-addext', 'keyUsage=critical,digitalSignature,keyEncipherment,keyAgreement,keyCertSign',
      '-addext', 'extendedKeyUsage=clientAuth,serverAuth',
      '-keyout', join(dir, 'client-key.pem'), '-out', join(dir, 'client.pem'),
    );
    const clientCert = readFileSync(join(dir, 'client.pem'), 'utf8');
    const server = tls.createServer({ key: cert.keyPem, cert: cert.certPem, ca: clientCert, requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.2' });
    const peerSeen = new Promise<string | undefined>((resolve) =>
      server.on('secureConnection', (socket) => {
        resolve(String(socket.getPeerCertificate().subject?.O));
        socket.end('hello');
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const received = await new Promise<string>((resolve, reject) => {
        const socket = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', ca: cert.certPem, cert: clientCert, key: readFileSync(join(dir, 'client-key.pem')) });
        let data = '';
        socket.on('data', (chunk) => (data += chunk));
        socket.on('end', () => resolve(data));
        socket.on('error', reject);
      });
      expect(received).toBe('hello');
      expect(await peerSeen).toBe('HashiCorp');
    } finally {
      server.close();
    }
  });
});
