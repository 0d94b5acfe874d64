// The reuse server (provider/launch/reuse-server.ts), run from dist/ as the launcher runs it from a blob:
// empty environment, `/` as its directory. The tests speak the launcher's side of the protocol
// (attach.bash) over a socket.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { createServerCertificate } from '../../../provider/bridge/tls.js';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../../../provider/bridge/handshake.js';
import { REPO_ROOT } from '../../support/paths.js';
import { launch, type Launched } from '../../support/process.js';
import { until } from '../../support/until.js';
import { LOCALHOST_TLS_OPTIONS, checkHealth, isAlive, parseHandshake } from '../bridge/support/plugin-process.js';

const MAIN = join(REPO_ROOT, 'dist', 'provider', 'main.js');

let dir: string;
let slot: string;
let server: Launched;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kestra-reuse-'));
  slot = join(dir, 'node-v20.reuse-0');
  server = launch(process.execPath, [MAIN, '--reuse-server', slot], { env: {}, cwd: '/' });
  await until('the slot file', () => existsSync(slot));
});
afterEach(async () => {
  if (isAlive(server.pid)) await server.stop('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const slotFields = () => {
  const [port, client, serverSecret, pid] = readFileSync(slot, 'utf8').trim().split(' ');
  return { port: Number(port), client: client!, server: serverSecret!, pid: Number(pid) };
};

/** A connection to the server, with everything it sent and whether it closed. */
async function open(allowHalfOpen = false): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  const socket = connect({ port: slotFields().port, host: '127.0.0.1', allowHalfOpen });
  let data = '';
  socket.on('data', (chunk) => (data += chunk.toString()));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, received: () => data, closed };
}

function describeSession(env: Record<string, string>, terraformPid = process.pid, cwd = dir): string {
  return ['kestra-session-1', String(process.pid), String(terraformPid), cwd, ...Object.entries(env).map(([k, v]) => `${k}=${v}`), '', ''].join('\0');
}

const terraformEnv = (extra: Record<string, string> = {}) => ({ [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '6', ...extra });

/** Attaches like the launcher does and returns the handshake line the server answered. */
async function attach(env: Record<string, string>, terraformPid?: number) {
  const connection = await open();
  connection.socket.write(`kestra-reuse-1 ${slotFields().client}\n`);
  await until('the server’s answer', () => connection.received().includes('\n'));
  expect(connection.received()).toBe(`${slotFields().server} ready\n`);
  connection.socket.write(describeSession(env, terraformPid));
  await until('the handshake', () => connection.received().split('\n').length > 2);
  const answer = connection.received().split('\n')[1]!;
  connection.socket.write('relay\n');
  return { ...connection, answer };
}

/** Whether a new launcher would be given a session now. */
async function readyForAnother(): Promise<boolean> {
  const connection = await open();
  connection.socket.write(`kestra-reuse-1 ${slotFields().client}\n`);
  await until('the server’s answer', () => connection.received().includes('\n'));
  connection.socket.destroy();
  return connection.received().endsWith(' ready\n');
}

test('the slot file is the user’s alone, and names this server', () => {
  expect(statSync(slot).mode & 0o777).toBe(0o600);
  expect(slotFields().pid).toBe(server.pid);
  expect(slotFields().client).toMatch(/^[0-9a-f]{64}$/);
  expect(slotFields().server).toMatch(/^[0-9a-f]{64}$/);
  expect(slotFields().server).not.toBe(slotFields().client);
});

// Running as another user needs root, which CI is.
test('another local user can neither read the slot file nor attach without it', async () => {
  const nobody = spawnSync('runuser', ['-u', 'nobody', '--', 'cat', slot], { encoding: 'utf8' });
  expect(nobody.status).not.toBe(0);
  expect(nobody.stdout).toBe('');
  const guess = spawnSync('runuser', ['-u', 'nobody', '--', 'bash', '-c', `exec 3<>/dev/tcp/127.0.0.1/${slotFields().port}; printf 'kestra-reuse-1 %s\\n' "${'0'.repeat(64)}" >&3; cat <&3`], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  expect(guess.stdout).toBe('');
});

test.each([
  ['a wrong secret', () => `kestra-reuse-1 ${'0'.repeat(64)}\n`],
  ['the server’s own secret', () => `kestra-reuse-1 ${slotFields().server}\n`],
  ['no protocol tag', () => `${slotFields().client}\n`],
  ['a session description before any hello', () => describeSession(terraformEnv())],
])('a connection with %s gets nothing back and is closed', async (_name, hello) => {
  const connection = await open();
  connection.socket.write(hello());
  await connection.closed;
  expect(connection.received()).toBe('');
  // The server is still there for the rightful launcher.
  expect(await readyForAnother()).toBe(true);
});

test('one session at a time: a second launcher is told the server is busy, and is given nothing of the first', async () => {
  const first = await attach(terraformEnv({ KESTRA_PASSWORD: 'first-session-secret' }));
  expect(first.answer).toMatch(/^ok 1\|6\|tcp\|127\.0\.0\.1:\d+\|grpc\|$/);
  const second = await open();
  second.socket.write(`kestra-reuse-1 ${slotFields().client}\n`);
  await second.closed;
  expect(second.received()).toBe(`${slotFields().server} busy\n`);
  first.socket.destroy();
});

test('a launcher told the server is busy that describes its session anyway starts nothing', async () => {
  const first = await attach(terraformEnv());
  // Half-open, so that it can still send after the server has ended its side.
  const second = await open(true);
  second.socket.write(`kestra-reuse-1 ${slotFields().client}\n`);
  await until('the answer', () => second.received().includes('\n'));
  second.socket.end(describeSession(terraformEnv({ KESTRA_PASSWORD: 'second-session-secret' })));
  await second.closed;
  expect(second.received()).toBe(`${slotFields().server} busy\n`);
  // Had the description started a session, its launcher being gone would end it and free the server while
  // the first session still runs: the server answers busy throughout.
  for (let probe = 0; probe < 40; probe++) expect(await readyForAnother()).toBe(false);
  first.socket.destroy();
  await until('the first session to end', readyForAnother);
});

test('each session gets its own server certificate, and only its own client certificate is let in', async () => {
  const terraformA = createServerCertificate();
  const a = await attach(terraformEnv({ PLUGIN_CLIENT_CERT: terraformA.certPem }));
  const handshakeA = parseHandshake(a.answer.slice('ok '.length));
  const as = (client: typeof terraformA, serverCertPem: string) =>
    grpc.credentials.createSsl(Buffer.from(serverCertPem), Buffer.from(client.keyPem), Buffer.from(client.certPem));
  await expect(checkHealth(handshakeA.address, as(terraformA, handshakeA.serverCertPem!), LOCALHOST_TLS_OPTIONS)).resolves.toBe('SERVING');
  a.socket.destroy();
  await until('the first session to end', readyForAnother);

  const terraformB = createServerCertificate();
  const b = await attach(terraformEnv({ PLUGIN_CLIENT_CERT: terraformB.certPem }));
  const handshakeB = parseHandshake(b.answer.slice('ok '.length));
  expect(handshakeB.serverCertPem).not.toBe(handshakeA.serverCertPem);
  await expect(checkHealth(handshakeB.address, as(terraformA, handshakeB.serverCertPem!), LOCALHOST_TLS_OPTIONS)).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
  await expect(checkHealth(handshakeB.address, as(terraformB, handshakeB.serverCertPem!), LOCALHOST_TLS_OPTIONS)).resolves.toBe('SERVING');
  // The first session's gRPC server is gone with its session.
  await expect(checkHealth(handshakeA.address, as(terraformA, handshakeA.serverCertPem!), LOCALHOST_TLS_OPTIONS)).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
  b.socket.destroy();
});

test('a session without Terraform’s magic cookie is refused with the reason, as a provider started by hand says it', async () => {
  const connection = await attach({ PLUGIN_PROTOCOL_VERSIONS: '6' });
  expect(connection.answer).toMatch(/^fail .*plugin/i);
  await connection.closed;
  expect(await readyForAnother()).toBe(true);
});

test('the session’s log lines go to its launcher, at that session’s TF_LOG level', async () => {
  // Each session ends when its Terraform goes, and the server closes the connection: all it wrote is in.
  const session = async (env: Record<string, string>) => {
    const terraform = spawn('sleep', ['600']);
    const attached = await attach(terraformEnv(env), terraform.pid);
    terraform.kill('SIGKILL');
    await attached.closed;
    return attached.received();
  };
  const verbose = await session({ TF_LOG: 'debug' });
  expect(verbose).toContain('"@message":"plugin serving"');
  expect(verbose).toContain('"reused":true');
  expect(verbose).toContain('"@message":"plugin stopping"');
  const quiet = await session({});
  expect(quiet).not.toContain('plugin serving');
  expect(quiet).not.toContain('plugin stopping');
});

test('a session whose Terraform is gone is ended by the server, which then takes the next one', async () => {
  const terraform = spawn('sleep', ['600']);
  const session = await attach(terraformEnv(), terraform.pid);
  expect(session.answer).toMatch(/^ok /);
  terraform.kill('SIGKILL');
  await session.closed;
  expect(await readyForAnother()).toBe(true);
});

test('a server whose slot was taken over exits once its session ends, and leaves the new slot file alone', async () => {
  const session = await attach(terraformEnv());
  writeFileSync(slot, '1 other other 1\n', { mode: 0o600 });
  session.socket.destroy();
  await server.exited;
  expect(readFileSync(slot, 'utf8')).toBe('1 other other 1\n');
});

test('SIGTERM stops the server and removes its slot file', async () => {
  await server.stop('SIGTERM');
  expect(existsSync(slot)).toBe(false);
});
