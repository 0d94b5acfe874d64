/** gpg in throwaway homes: a release signing key made for one test, and keyrings that hold only a public key. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { defer } from './cleanup.js';

const execFileAsync = promisify(execFile);

export interface Gpg {
  /** What points gpg (and scripts/package.mjs's gpg) at this home. */
  readonly env: { GNUPGHOME: string };
  run(args: string[]): Promise<{ stdout: string; stderr: string }>;
}

/** gpg with its own home (keyring and agent), removed after the test together with the agent it started. */
export function throwawayGpg(): Gpg {
  const home = mkdtempSync(join(tmpdir(), 'gnupg-'));
  const env = { GNUPGHOME: home };
  const withHome = { ...process.env, ...env };
  defer(async () => {
    await execFileAsync('gpgconf', ['--kill', 'gpg-agent'], { env: withHome });
    rmSync(home, { recursive: true, force: true });
  });
  return { env, run: (args) => execFileAsync('gpg', ['--batch', ...args], { env: withHome }) };
}

/**
 * A new RSA signing key without passphrase (the Terraform Registry takes RSA or DSA keys, not ECC) in a throwaway
 * home: its fingerprint, its ASCII-armored public key, and the home to sign with.
 */
export async function throwawaySigningKey(): Promise<{ gpg: Gpg; fingerprint: string; publicKey: string }> {
  const gpg = throwawayGpg();
  await gpg.run(['--passphrase', '', '--quick-gen-key', 'Kestra IAM release test <release-test@example.invalid>', 'rsa3072', 'sign', 'never']);
  const fingerprint = (await gpg.run(['--with-colons', '--list-secret-keys'])).stdout.match(/^fpr:+([0-9A-F]{40}):/m)?.[1];
  if (!fingerprint) throw new Error('gpg made no key');
  const publicKey = (await gpg.run(['--armor', '--export', fingerprint])).stdout;
  return { gpg, fingerprint, publicKey };
}
