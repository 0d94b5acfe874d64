import { X509Certificate } from 'node:crypto';
import {
  HandshakeError,
  MAGIC_COOKIE_KEY,
  MAGIC_COOKIE_VALUE,
  checkMagicCookie,
  formatHandshakeLine,
  negotiateProtocolVersion,
} from '../../../provider/bridge/handshake.js';
import { createServerCertificate } from '../../../provider/bridge/tls.js';

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

describe('handshake line', () => {
  test('plaintext: six fields with an empty certificate', () => {
    expect(formatHandshakeLine({ address: '127.0.0.1:41234' })).toBe('1|6|tcp|127.0.0.1:41234|grpc|\n');
  });

  test('TLS: the last field is the unpadded base64 DER of a certificate Go accepts for localhost', async () => {
    const line = formatHandshakeLine({ address: '127.0.0.1:41234', certificateDer: (await createServerCertificate()).der });
    expect(line.endsWith('\n')).toBe(true);
    const fields = line.trimEnd().split('|');
    expect(fields.slice(0, 5)).toEqual(['1', '6', 'tcp', '127.0.0.1:41234', 'grpc']);
    const certField = fields[5]!;
    expect(certField).toMatch(/^[A-Za-z0-9+/]{51,}$/);

    const cert = new X509Certificate(Buffer.from(certField, 'base64'));
    expect(cert.subjectAltName).toBe('DNS:localhost');
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(new Date(cert.validFrom).getTime()).toBeLessThan(Date.now());
    expect(new Date(cert.validTo).getTime()).toBeGreaterThan(Date.now());
    expect(Number.parseInt(cert.serialNumber.slice(0, 2), 16)).toBeLessThan(0x80);
    expect(cert.ca).toBe(true);
    expect(cert.keyUsage).toEqual(expect.arrayContaining([SERVER_AUTH, CLIENT_AUTH]));
    expect(cert.verify(cert.publicKey)).toBe(true);
  });

  test('every certificate is fresh', async () => {
    const [a, b] = await Promise.all([createServerCertificate(), createServerCertificate()]);
    expect(Buffer.from(a.der).equals(Buffer.from(b.der))).toBe(false);
    expect(a.keyPem).not.toBe(b.keyPem);
  });
});

describe('launch preconditions', () => {
  test('the magic cookie Terraform sets is accepted', () => {
    expect(() => checkMagicCookie({ [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE })).not.toThrow();
  });

  test.each([{}, { [MAGIC_COOKIE_KEY]: 'nope' }])('a missing or wrong cookie is refused with a hint: %j', (env) => {
    expect(() => checkMagicCookie(env)).toThrow(HandshakeError);
    expect(() => checkMagicCookie(env)).toThrow(/Terraform provider plugin.*not meant to be run by hand/s);
  });

  test.each(['5,6', '6,5', ' 6 ', '6'])('protocol 6 is chosen from %p', (offered) => {
    expect(negotiateProtocolVersion({ PLUGIN_PROTOCOL_VERSIONS: offered })).toBe(6);
  });

  test('a host that does not negotiate is assumed to speak 6', () => {
    expect(negotiateProtocolVersion({})).toBe(6);
  });

  test('a host without protocol 6 gets a clear refusal', () => {
    const attempt = () => negotiateProtocolVersion({ PLUGIN_PROTOCOL_VERSIONS: '4,5' });
    expect(attempt).toThrow(expect.objectContaining({ code: 'PROTOCOL_VERSION_UNSUPPORTED' }));
    expect(attempt).toThrow(/protocol 6 only.*"4,5"/);
  });
});
