/**
 * HTTPS to a Kestra whose certificate is signed by a private CA, trusted only through NODE_EXTRA_CA_CERTS.
 * The launcher takes that variable away from node (node would parse the file at every start) and the HTTPS
 * client trusts the file itself: terraform, launching bin/ as users do, must still reach Kestra, and must
 * not without the file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { useWorkspaces } from '../support/terraform.js';

const workspace = useWorkspaces();
let emulator: TestEmulator;
let certs: string;
let proxy: Server;
let httpsUrl: string;

/** A CA, and a certificate it signs for localhost and 127.0.0.1. */
function makeCertificates(dir: string): void {
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2', '-subj', '/CN=Test Private CA', '-keyout', 'ca-key.pem', '-out', 'ca.pem');
  openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=localhost', '-keyout', 'server-key.pem', '-out', 'server.csr');
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-days', '2', '-extfile', 'san.ext', '-out', 'server.pem');
}

beforeAll(async () => {
  emulator = await startTestEmulator();
  certs = mkdtempSync(join(tmpdir(), 'kestra-ca-'));
  makeCertificates(certs);
  const upstream = new URL(emulator.url);
  // TLS in front of the emulator, as a reverse proxy in front of Kestra.
  proxy = createServer({ key: readFileSync(join(certs, 'server-key.pem')), cert: readFileSync(join(certs, 'server.pem')) }, (req, res) => {
    const forwarded = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forwarded.on('error', () => res.destroy());
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  httpsUrl = `https://localhost:${(proxy.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => proxy?.close(resolve));
  await emulator?.close();
  if (certs) rmSync(certs, { recursive: true, force: true });
});

const config = (name: string) => `terraform {
  required_providers {
    kestra = { source = "kestra-iam/kestra" }
  }
}
provider "kestra" {
  url      = "${httpsUrl}"
  username = "${emulator.adminUser}"
  password = "${emulator.adminPassword}"
}
resource "kestra_service_account" "over_tls" {
  name = "${name}"
}
`;

async function serviceAccountNamed(name: string): Promise<boolean> {
  const { body } = await emulator.api.get('/api/v1/main/service-accounts?size=500');
  return (body.results as { username?: string; name?: string }[]).some((sa) => (sa.username ?? sa.name) === name);
}

test('a Kestra behind a CA trusted only through NODE_EXTRA_CA_CERTS is reached: apply, empty plan, destroy', async () => {
  const ws = workspace({ env: { NODE_EXTRA_CA_CERTS: join(certs, 'ca.pem') } });
  ws.writeConfig(config('tls-bot'));
  await ws.apply();
  expect(await serviceAccountNamed('tls-bot')).toBe(true);
  await ws.expectEmptyPlans();
  await ws.destroy();
  expect(await serviceAccountNamed('tls-bot')).toBe(false);
});

test('without the CA file the same Kestra is refused for its certificate', async () => {
  const ws = workspace({ env: { NODE_EXTRA_CA_CERTS: '' } });
  ws.writeConfig(config('untrusted-bot'));
  const plan = await ws.run(['plan', '-no-color', '-input=false']);
  expect(plan.code).not.toBe(0);
  // The TLS verification error, by its OpenSSL code.
  expect(plan.stdout + plan.stderr).toMatch(/Cannot reach Kestra[\s\S]*UNABLE_TO_VERIFY_LEAF_SIGNATURE/);
  expect(await serviceAccountNamed('untrusted-bot')).toBe(false);
});
