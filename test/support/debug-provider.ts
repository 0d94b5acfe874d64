/** Runs the built provider in debug mode and hands out its TF_REATTACH_PROVIDERS value, so many terraform runs share one process. */
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';
import { launch } from './process.js';

export interface DebugProvider {
  reattach: string;
  stderr(): string;
  stop(): Promise<void>;
}

export async function startDebugProvider(env: Record<string, string> = {}): Promise<DebugProvider> {
  const provider = launch(join(REPO_ROOT, 'bin', 'terraform-provider-kestra'), ['--debug'], { env: { ...process.env, ...env } });
  const reattachLine = /TF_REATTACH_PROVIDERS='([^']+)'/;
  const line = await provider.line(reattachLine);
  return {
    reattach: reattachLine.exec(line)![1]!,
    stderr: provider.stderr,
    stop: async () => {
      await provider.stop('SIGTERM');
    },
  };
}
