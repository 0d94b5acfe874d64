import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT } from '../../support/paths.js';
import { launch } from '../../support/process.js';

/**
 * Runs the emulator's CLI (emulator/main.ts) as a child process. The sources are bundled with esbuild into a
 * temporary file, so the tests exercise the current code without depending on a build in dist/; packages
 * stay outside the bundle and are loaded from the project's node_modules by absolute path.
 */

const projectRequire = createRequire(join(REPO_ROOT, 'package.json'));
let bundled: Promise<string> | undefined;
let bundleDir: string | undefined;

export function emulatorEntryPoint(): Promise<string> {
  bundled ??= (async () => {
    bundleDir = mkdtempSync(join(tmpdir(), 'kestra-emulator-cli-'));
    const outfile = join(bundleDir, 'main.mjs');
    await build({
      entryPoints: [join(REPO_ROOT, 'emulator', 'main.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
      plugins: [
        {
          name: 'packages-from-project',
          setup(b) {
            b.onResolve({ filter: /^[^./]/ }, (args) => {
              if (args.path.startsWith('node:') || isAbsolute(args.path)) return { path: args.path, external: true };
              return { path: projectRequire.resolve(args.path), external: true };
            });
          },
        },
      ],
    });
    return outfile;
  })();
  return bundled;
}

/** Deletes the bundle; call it once the test file no longer spawns emulators. */
export function removeEntryPoint(): void {
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
  bundled = undefined;
  bundleDir = undefined;
}

export interface EmulatorProcess {
  child: ChildProcess;
  /** The first stdout line. */
  firstLine: string;
  url: string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal name) once the process has ended. */
  exited: Promise<number | string>;
}

/** Starts the CLI with `args` and resolves once it has printed its first line; rejects if it exits before. */
export async function spawnEmulator(args: string[], env: Record<string, string> = {}): Promise<EmulatorProcess> {
  const emulator = launch(process.execPath, [await emulatorEntryPoint(), ...args], { env: { ...process.env, ...env } });
  const exited = emulator.exited.then(({ code, signal }) => code ?? signal ?? 'unknown');
  const firstLine = await emulator.firstLine().catch(async (error: Error) => {
    throw new Error(`emulator exited (${await exited}) before listening: ${emulator.stderr()}`, { cause: error });
  });
  return {
    child: emulator.child,
    firstLine,
    url: firstLine.replace(/^listening on /, ''),
    stdout: emulator.stdout,
    stderr: emulator.stderr,
    exited,
  };
}
