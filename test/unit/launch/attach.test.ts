// The launcher's way into a warm provider (dist/terraform-provider-kestra/attach.bash, run by launch.sh for a
// session Terraform starts when a verified blob exists): it attaches to a free reuse server through its slot
// file, sends nothing of the session to a server that has not proved itself, and otherwise execs node from
// the blob, naming a free slot. Stand-ins play node (records what it was exec'd with) and the reuse server.
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SNAPSHOT_NODE_FLAGS } from '../../../provider/launch/node-flags.js';
import { REPO_ROOT } from '../../support/paths.js';

const LAUNCHER = join(REPO_ROOT, 'bin', 'terraform-provider-kestra');
const BUNDLE_ID = /for bundle ([0-9a-f]{16})\./.exec(readFileSync(join(REPO_ROOT, 'dist', 'terraform-provider-kestra', 'launch.sh'), 'utf8'))![1]!;
const VERSION = 'v20.99.2';
const COOKIE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';
const HANDSHAKE = '1|6|tcp|127.0.0.1:40001|grpc|MIIBcert';

let dir: string;
let fakeNode: string;
let cache: string;
const servers: Server[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kestra-attach-'));
  fakeNode = join(dir, 'node');
  writeFileSync(fakeNode, `#!/bin/sh\nif [ "$1" = --version ]; then echo ${VERSION}; exit 0; fi\nprintf '%s\\n' "$@" > "${dir}/args"\nenv > "${dir}/env"\n`);
  chmodSync(fakeNode, 0o755);
  cache = join(dir, 'cache');
  const blob = blobPath();
  mkdirSync(join(cache, BUNDLE_ID), { recursive: true, mode: 0o700 });
  chmodSync(cache, 0o700);
  writeFileSync(blob, 'blob');
  writeFileSync(`${blob}.node`, `${fakeNode}\n`);
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  rmSync(dir, { recursive: true, force: true });
});

const blobPath = () => join(cache, BUNDLE_ID, `node-${VERSION}.blob`);
const slotPath = (slot: number) => join(cache, BUNDLE_ID, `node-${VERSION}.reuse-${slot}`);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** What node was exec'd with, when the launcher fell back to it. */
  nodeArgs: string[] | undefined;
  nodeEnv: Record<string, string>;
}

/** Runs the launcher as Terraform does: no arguments, the magic cookie and the session's variables set. */
function launch(env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      LAUNCHER,
      [],
      { cwd: dir, env: { PATH: '/usr/bin:/bin', KESTRA_PROVIDER_NODE: fakeNode, KESTRA_PROVIDER_CACHE_DIR: cache, TF_PLUGIN_MAGIC_COOKIE: COOKIE, ...env } },
      (error, stdout, stderr) => {
        const read = (file: string) => {
          try {
            return readFileSync(join(dir, file), 'utf8').split('\n').slice(0, -1);
          } catch {
            return undefined;
          }
        };
        const envLines = read('env') ?? [];
        resolve({
          code: error ? Number(error.code) : 0,
          stdout,
          stderr,
          nodeArgs: read('args'),
          nodeEnv: Object.fromEntries(envLines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])),
        });
      },
    );
  });
}

/** A stand-in reuse server on a loopback port, its slot file written as the real one writes it. */
async function fakeServer(slot: number, onConnection: (socket: Socket, received: () => string) => void, secrets = { client: 'c'.repeat(64), server: 's'.repeat(64) }) {
  const received: string[] = [];
  const server = createServer((socket) => {
    let data = '';
    const index = received.push('') - 1;
    socket.on('data', (chunk) => {
      data += chunk.toString();
      received[index] = data;
    });
    onConnection(socket, () => data);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  writeFileSync(slotPath(slot), `${port} ${secrets.client} ${secrets.server} 4242\n`, { mode: 0o600 });
  return { received, secrets };
}

/** Answers like a free server once the hello line is in, and `answer` once the session's description is. */
function serving(answer: (description: string, socket: Socket) => void) {
  return (socket: Socket, received: () => string) => {
    let stage = 0;
    socket.on('data', () => {
      if (stage === 0 && received().includes('\n')) {
        stage = 1;
        socket.write(`${'s'.repeat(64)} ready\n`);
      }
      if (stage === 1 && received().includes('\0\0')) {
        stage = 2;
        answer(received().slice(received().indexOf('\n') + 1), socket);
      }
    });
  };
}

test('with no reuse server it runs node from the blob and names the first slot for a server to start in', async () => {
  const run = await launch();
  expect(run.nodeArgs).toEqual(['--use-openssl-ca', ...SNAPSHOT_NODE_FLAGS, '--snapshot-blob', blobPath(), '--']);
  expect(run.nodeEnv.KESTRA_PROVIDER_REUSE_SLOT).toBe(slotPath(0));
});

test('a free server gets the session: the handshake line goes to stdout, log lines to stderr, and the launcher ends with the session', async () => {
  let description = '';
  const { received } = await fakeServer(
    0,
    serving((text, socket) => {
      description = text;
      // The spaces the real server sends as it receives the description come before the line; log lines
      // follow once the launcher has the line and says so.
      socket.write(`   ok ${HANDSHAKE}\n`);
      socket.on('data', (chunk) => {
        if (chunk.toString().includes('relay\n')) socket.end('{"@level":"debug","@message":"plugin serving"}\n');
      });
    }),
  );
  const run = await launch({ KESTRA_PASSWORD: 'p@ss\nword with %s', TF_LOG: 'debug' });
  expect(run.code).toBe(0);
  expect(run.nodeArgs).toBeUndefined();
  expect(run.stdout).toBe(`${HANDSHAKE}\n`);
  expect(run.stderr).toBe('{"@level":"debug","@message":"plugin serving"}\n');
  expect(received[0]!.startsWith(`kestra-reuse-1 ${'c'.repeat(64)}\n`)).toBe(true);
  expect(received[0]!.endsWith('\0\0relay\n')).toBe(true);
  const [tag, launcherPid, terraformPid, cwd, ...env] = description.split('\0');
  expect(tag).toBe('kestra-session-1');
  expect(Number(launcherPid)).toBeGreaterThan(1);
  expect(Number(terraformPid)).toBe(process.pid);
  expect(cwd).toBe(dir);
  // Every variable of the session, values whole (newlines, percent signs), ended by an empty field.
  expect(env).toContain('KESTRA_PASSWORD=p@ss\nword with %s');
  expect(env).toContain(`TF_PLUGIN_MAGIC_COOKIE=${COOKIE}`);
  expect(env).toContain('TF_LOG=debug');
  expect(env.slice(-2)).toEqual(['', '']);
});

test('a server that cannot prove itself learns nothing of the session, and its slot is taken as free', async () => {
  const { received } = await fakeServer(0, (socket, data) => {
    socket.on('data', () => {
      if (data().includes('\n')) socket.write(`${'x'.repeat(64)} ready\n`);
    });
  });
  const run = await launch({ KESTRA_PASSWORD: 'do-not-send' });
  expect(run.nodeArgs?.at(-1)).toBe('--');
  expect(run.nodeEnv.KESTRA_PROVIDER_REUSE_SLOT).toBe(slotPath(0));
  expect(received).toEqual([`kestra-reuse-1 ${'c'.repeat(64)}\n`]);
});

test('a busy server is passed over for the next slot; with every server busy node runs and no slot is named', async () => {
  const busy = (socket: Socket, data: () => string) =>
    socket.on('data', () => {
      if (data().includes('\n')) socket.end(`${'s'.repeat(64)} busy\n`);
    });
  await fakeServer(0, busy);
  await fakeServer(
    1,
    serving((_text, socket) => socket.end(`ok ${HANDSHAKE}\n`)),
  );
  const attached = await launch();
  expect(attached.stdout).toBe(`${HANDSHAKE}\n`);
  expect(attached.nodeArgs).toBeUndefined();

  for (const slot of [1, 2, 3]) await fakeServer(slot, busy);
  const alone = await launch();
  expect(alone.nodeArgs?.at(-1)).toBe('--');
  expect(alone.nodeEnv.KESTRA_PROVIDER_REUSE_SLOT).toBeUndefined();
});

test('a server that refuses the session is reported on stderr and the launch fails, as a provider refusing would', async () => {
  await fakeServer(
    0,
    serving((_text, socket) => socket.end('fail This binary is a plugin.\n')),
  );
  const run = await launch();
  expect(run.code).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr).toContain('terraform-provider-kestra: This binary is a plugin.');
});

test('a slot file whose server is gone is free; one whose server lives but cannot be reached is not', async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  const gone = spawnSync(process.execPath, ['-e', '0']).pid;
  writeFileSync(slotPath(0), `${port} c s ${gone}\n`, { mode: 0o600 });
  expect((await launch()).nodeEnv.KESTRA_PROVIDER_REUSE_SLOT).toBe(slotPath(0));
  // A server that is there although its port does not answer: starting another would not help.
  writeFileSync(slotPath(0), `${port} c s ${process.pid}\n`, { mode: 0o600 });
  expect((await launch()).nodeEnv.KESTRA_PROVIDER_REUSE_SLOT).toBe(slotPath(1));
});

// Handing a file to another user needs root, which CI is.
test('a slot file that is not this user’s is never read', async () => {
  const { received } = await fakeServer(
    0,
    serving((_text, socket) => socket.end(`ok ${HANDSHAKE}\n`)),
  );
  chownSync(slotPath(0), 65534, 65534);
  const run = await launch();
  expect(run.nodeArgs?.at(-1)).toBe('--');
  expect(received).toEqual([]);
});

test.each([
  ['KESTRA_PROVIDER_REUSE=0', { KESTRA_PROVIDER_REUSE: '0' }],
  ['no magic cookie (not started by Terraform)', { TF_PLUGIN_MAGIC_COOKIE: '' }],
])('%s: no server is tried or asked for', async (_name, env) => {
  const { received } = await fakeServer(
    0,
    serving((_text, socket) => socket.end(`ok ${HANDSHAKE}\n`)),
  );
  const run = await launch(env);
  expect(run.nodeArgs?.at(-1)).toBe('--');
  expect(run.nodeEnv.KESTRA_PROVIDER_REUSE_SLOT).toBeUndefined();
  expect(received).toEqual([]);
});
