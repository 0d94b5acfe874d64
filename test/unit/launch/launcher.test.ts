// The launcher (bin/terraform-provider-kestra sourcing dist/terraform-provider-kestra/launch.sh) decides how node starts: from a
// snapshot blob only when the cache holds one recorded for this very node, and never with what a blob
// cannot honour. A stand-in node records what it was exec'd with.
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SNAPSHOT_NODE_FLAGS } from '../../../provider/launch/node-flags.js';
import { REPO_ROOT } from '../../support/paths.js';

const execFileAsync = promisify(execFile);
const LAUNCHER = join(REPO_ROOT, 'bin', 'terraform-provider-kestra');
// As the launcher spells it: relative to bin/, unresolved.
const BUNDLE = `${join(REPO_ROOT, 'bin')}/../dist/terraform-provider-kestra/kestra-provider.cjs`;
const BUNDLE_ID = /for bundle ([0-9a-f]{16})\./.exec(readFileSync(join(REPO_ROOT, 'dist', 'terraform-provider-kestra', 'launch.sh'), 'utf8'))![1]!;
const VERSION = 'v20.99.1';

let dir: string;
let fakeNode: string;
let cache: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kestra-launcher-'));
  fakeNode = join(dir, 'node');
  writeFileSync(
    fakeNode,
    `#!/bin/sh\nif [ "$1" = --version ]; then echo ${VERSION}; exit 0; fi\nprintf '%s\\n' "$@" > "${dir}/args"\nenv > "${dir}/env"\n`,
  );
  chmodSync(fakeNode, 0o755);
  cache = join(dir, 'cache');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface Launch {
  args: string[];
  env: Record<string, string>;
}

async function launch(env: Record<string, string> = {}, args: string[] = ['--debug']): Promise<Launch> {
  await execFileAsync(LAUNCHER, args, {
    env: { PATH: '/usr/bin:/bin', KESTRA_PROVIDER_NODE: fakeNode, KESTRA_PROVIDER_CACHE_DIR: cache, ...env },
  });
  const lines = (file: string) => readFileSync(join(dir, file), 'utf8').split('\n').slice(0, -1);
  return {
    args: lines('args'),
    env: Object.fromEntries(lines('env').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])),
  };
}

const blobPath = () => join(cache, BUNDLE_ID, `node-${VERSION}.blob`);
function installBlob(recordedNode = fakeNode): void {
  mkdirSync(join(cache, BUNDLE_ID), { recursive: true, mode: 0o700 });
  writeFileSync(blobPath(), 'blob');
  writeFileSync(`${blobPath()}.node`, `${recordedNode}\n`);
}

test('with an empty cache it runs the bundle and names the blob to build, keyed by bundle and node version', async () => {
  const run = await launch();
  expect(run.args).toEqual(['--use-openssl-ca', BUNDLE, '--debug']);
  expect(run.env.KESTRA_PROVIDER_SNAPSHOT_TARGET).toBe(blobPath());
  expect(run.env.KESTRA_PROVIDER_NODE_PATH).toBe(fakeNode);
});

test('with a blob recorded for this node it starts from the blob, the arguments after --', async () => {
  installBlob();
  const run = await launch({}, ['--debug', '--print-schema']);
  expect(run.args).toEqual(['--use-openssl-ca', ...SNAPSHOT_NODE_FLAGS, '--snapshot-blob', blobPath(), '--', '--debug', '--print-schema']);
  expect(run.env.KESTRA_PROVIDER_SNAPSHOT_TARGET).toBeUndefined();
});

test('a blob recorded for another node, or without its record, is not used', async () => {
  installBlob('/some/other/node');
  expect((await launch()).args).toEqual(['--use-openssl-ca', BUNDLE, '--debug']);
  rmSync(`${blobPath()}.node`);
  expect((await launch()).args).toEqual(['--use-openssl-ca', BUNDLE, '--debug']);
});

test('a cache directory that is not this user’s is not used', async () => {
  installBlob();
  if (process.getuid?.() === 0) chownSync(cache, 65534, 65534);
  const foreign = process.getuid?.() === 0 ? cache : '/';
  const run = await launch({ KESTRA_PROVIDER_CACHE_DIR: foreign });
  expect(run.args).toEqual(['--use-openssl-ca', BUNDLE, '--debug']);
});

// Handing files to another user needs root, which CI is.
test('a blob, its record or its directory that is not this user’s is not used, even in a cache that is', async () => {
  installBlob();
  chownSync(blobPath(), 65534, 65534);
  expect((await launch()).args).toEqual(['--use-openssl-ca', BUNDLE, '--debug']);
  chownSync(blobPath(), 0, 0);
  chownSync(`${blobPath()}.node`, 65534, 65534);
  expect((await launch()).args).toEqual(['--use-openssl-ca', BUNDLE, '--debug']);
  chownSync(`${blobPath()}.node`, 0, 0);
  chownSync(join(cache, BUNDLE_ID), 65534, 65534);
  expect((await launch()).args).toEqual(['--use-openssl-ca', BUNDLE, '--debug']);
});

test('KESTRA_PROVIDER_SNAPSHOT=0 turns the snapshot off, and asks for no build', async () => {
  installBlob();
  const run = await launch({ KESTRA_PROVIDER_SNAPSHOT: '0' });
  expect(run.args).toEqual(['--use-openssl-ca', BUNDLE, '--debug']);
  expect(run.env.KESTRA_PROVIDER_SNAPSHOT_TARGET).toBeUndefined();
});

test.each(['GRPC_TRACE', 'GRPC_VERBOSITY', 'GRPC_NODE_TRACE', 'GRPC_SSL_CIPHER_SUITES'])(
  '%s, which grpc-js reads at load and a blob would have frozen, makes it run the bundle',
  async (name) => {
    installBlob();
    expect((await launch({ [name]: 'all' })).args).toEqual(['--use-openssl-ca', BUNDLE, '--debug']);
  },
);

test('NODE_OPTIONS makes it run the bundle exactly as node would, environment untouched', async () => {
  installBlob();
  const run = await launch({ NODE_OPTIONS: '--max-old-space-size=200', NODE_EXTRA_CA_CERTS: '/ca.pem', SSL_CERT_FILE: '/x.pem' });
  expect(run.args).toEqual([BUNDLE, '--debug']);
  expect(run.env.NODE_EXTRA_CA_CERTS).toBe('/ca.pem');
  expect(run.env.SSL_CERT_FILE).toBe('/x.pem');
  expect(run.env.KESTRA_PROVIDER_EXTRA_CA_CERTS).toBeUndefined();
});

test('NODE_EXTRA_CA_CERTS is taken from node and handed to the provider; SSL_CERT_FILE is dropped', async () => {
  const run = await launch({ NODE_EXTRA_CA_CERTS: '/etc/ssl/private-ca.pem', SSL_CERT_FILE: '/etc/ssl/bundle.pem' });
  expect(run.env.NODE_EXTRA_CA_CERTS).toBeUndefined();
  expect(run.env.SSL_CERT_FILE).toBeUndefined();
  expect(run.env.KESTRA_PROVIDER_EXTRA_CA_CERTS).toBe('/etc/ssl/private-ca.pem');
  // Set even when empty: it tells the HTTPS client that it, not node, owns trust.
  expect((await launch()).env.KESTRA_PROVIDER_EXTRA_CA_CERTS).toBe('');
});

test('without a cache directory, HOME or XDG_CACHE_HOME it runs the bundle', async () => {
  await execFileAsync(LAUNCHER, ['--debug'], { env: { PATH: '/usr/bin:/bin', KESTRA_PROVIDER_NODE: fakeNode } });
  const args = readFileSync(join(dir, 'args'), 'utf8').split('\n').slice(0, -1);
  expect(args).toEqual(['--use-openssl-ca', BUNDLE, '--debug']);
  expect(readFileSync(join(dir, 'env'), 'utf8')).not.toContain('KESTRA_PROVIDER_SNAPSHOT_TARGET');
});

test('by default the cache is terraform-provider-kestra under XDG_CACHE_HOME', async () => {
  const run = await launch({ KESTRA_PROVIDER_CACHE_DIR: '', XDG_CACHE_HOME: join(dir, 'xdg') });
  expect(run.env.KESTRA_PROVIDER_SNAPSHOT_TARGET).toBe(join(dir, 'xdg', 'terraform-provider-kestra', BUNDLE_ID, `node-${VERSION}.blob`));
});
