/** Runs the built provider in debug mode and hands out its TF_REATTACH_PROVIDERS value, so many terraform runs share one process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';

export interface DebugProvider {
  reattach: string;
  stderr(): string;
  stop(): Promise<void>;
}

export function startDebugProvider(env: Record<string, string> = {}): Promise<DebugProvider> {
  const child: ChildProcess = spawn(join(REPO_ROOT, 'bin', 'terraform-provider-kestra'), ['--debug'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`debug provider exited with ${code}\n${stderr}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /TF_REATTACH_PROVIDERS='([^']+)'/.exec(stdout);
      if (!match) return;
      child.removeAllListeners('exit');
      resolve({
        reattach: match[1]!,
        stderr: () => stderr,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
