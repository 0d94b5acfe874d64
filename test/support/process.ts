/**
 * Starts a process and waits on what it prints: the one spawn-and-wait launcher of the tests (providers in debug
 * mode, the emulator's CLI, plugin fixtures, terraform). Everything is placed by what the process observably
 * does (a line on stdout, its exit), never by time.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface LaunchOptions {
  /** The whole environment of the process; nothing else is inherited. Default: this process's environment. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Runs the process in its own process group (for signalling the group, as a terminal's Ctrl-C does). */
  detached?: boolean;
}

export type Stream = 'stdout' | 'stderr';

export interface Launched {
  readonly child: ChildProcess;
  readonly pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first complete stdout line (without its newline). */
  firstLine(): Promise<string>;
  /** Resolves once `stream` holds a complete line matching `pattern`, with that line (without its newline). */
  line(pattern: RegExp, stream?: Stream): Promise<string>;
  /** Resolves once `test` holds for what `stream` has printed so far. */
  until(test: (text: string) => boolean, stream?: Stream): Promise<void>;
  /** Resolves once the process has ended and its output is closed (so output of children it handed the pipes to as well). */
  readonly exited: Promise<Exit>;
  /** Sends `signal` unless the process has ended; resolves when it has. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
}

export function launch(command: string, args: readonly string[], options: LaunchOptions = {}): Launched {
  const child = spawn(command, args, {
    env: options.env ?? process.env,
    ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
    detached: options.detached ?? false,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: Record<Stream, string> = { stdout: '', stderr: '' };
  const waiters = new Set<() => void>();
  let ended: { exit?: Exit; error?: Error } | undefined;

  const exited = new Promise<Exit>((resolve, reject) => {
    child.once('error', (error) => {
      ended = { error };
      waiters.forEach((wake) => wake());
      reject(error);
    });
    child.once('close', (code, signal) => {
      ended = { exit: { code, signal } };
      waiters.forEach((wake) => wake());
      resolve({ code, signal });
    });
  });
  // A caller may only ever await line()/until(); an unobserved rejection must not crash the test run.
  exited.catch(() => {});

  for (const stream of ['stdout', 'stderr'] as const) {
    child[stream]!.on('data', (chunk: Buffer) => {
      output[stream] += chunk.toString('utf8');
      waiters.forEach((wake) => wake());
    });
  }

  const describe = () => `${command} ${args.join(' ')}`.trim();
  const until = (test: (text: string) => boolean, stream: Stream = 'stdout', what = 'the awaited output') =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (test(output[stream])) {
          waiters.delete(check);
          resolve();
        } else if (ended) {
          waiters.delete(check);
          const why = ended.error ? `failed to start (${ended.error.message})` : `exited (${ended.exit?.code ?? ended.exit?.signal})`;
          reject(new Error(`${describe()} ${why} before printing ${what}\n--- stdout\n${output.stdout}\n--- stderr\n${output.stderr}`));
        }
      };
      waiters.add(check);
      check();
    });

  const completeLines = (stream: Stream) => output[stream].split('\n').slice(0, -1);
  const line = async (pattern: RegExp, stream: Stream = 'stdout') => {
    await until(() => completeLines(stream).some((l) => pattern.test(l)), stream, `a line matching ${pattern} on ${stream}`);
    return completeLines(stream).find((l) => pattern.test(l))!;
  };
  return {
    child,
    pid: child.pid ?? -1,
    stdout: () => output.stdout,
    stderr: () => output.stderr,
    firstLine: () => line(/^/),
    line,
    until: (test, stream = 'stdout') => until(test, stream),
    exited,
    stop: (signal = 'SIGTERM') => {
      if (!ended) child.kill(signal);
      return exited;
    },
  };
}
