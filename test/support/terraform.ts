/**
 * Drives the real `terraform` binary the way terraform-plugin-testing does: one temporary working directory
 * per test, its own CLI configuration, no network, JSON output parsed for assertions.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface WorkspaceOptions {
  /** Extra environment for terraform and, through it, the provider (KESTRA_URL, credentials, TF_LOG...). */
  env?: Record<string, string>;
  /** TF_REATTACH_PROVIDERS value of a provider already running in debug mode; otherwise terraform launches bin/. */
  reattach?: string;
}

export const TERRAFORM = process.env.TF_ACC_TERRAFORM_PATH ?? 'terraform';

export class TerraformWorkspace {
  readonly dir: string;
  private readonly env: Record<string, string>;

  constructor(options: WorkspaceOptions = {}) {
    this.dir = mkdtempSync(join(tmpdir(), 'tf-acc-'));
    const cliConfig = join(this.dir, 'terraform.tfrc');
    writeFileSync(
      cliConfig,
      `provider_installation {\n  dev_overrides {\n    "registry.terraform.io/kestra-iam/kestra" = "${join(REPO_ROOT, 'bin')}"\n  }\n  direct {}\n}\n`,
    );
    this.env = {
      TF_CLI_CONFIG_FILE: cliConfig,
      CHECKPOINT_DISABLE: '1',
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      ...(options.reattach ? { TF_REATTACH_PROVIDERS: options.reattach } : {}),
      ...options.env,
    };
  }

  writeConfig(hcl: string, file = 'main.tf'): void {
    writeFileSync(join(this.dir, file), hcl);
  }

  /**
   * Runs terraform. With `interruptAfter`, terraform runs in its own process group and, once its output shows
   * the text, the whole group gets SIGINT, as a terminal's Ctrl-C delivers it to terraform and its providers.
   */
  run(args: string[], extraEnv: Record<string, string> = {}, options: { interruptAfter?: string } = {}): Promise<RunResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(TERRAFORM, args, {
        cwd: this.dir,
        env: { ...inheritedEnv(), ...this.env, ...extraEnv },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: options.interruptAfter !== undefined,
      });
      let stdout = '';
      let stderr = '';
      let signalled = false;
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (options.interruptAfter && !signalled && stdout.includes(options.interruptAfter)) {
          signalled = true;
          process.kill(-child.pid!, 'SIGINT');
        }
      });
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
  }

  /** Runs and fails the test with terraform's own output when the exit code is not the expected one. */
  async expect(args: string[], expectedCode = 0, extraEnv: Record<string, string> = {}): Promise<RunResult> {
    const result = await this.run(args, extraEnv);
    if (result.code !== expectedCode) {
      throw new Error(`terraform ${args.join(' ')} exited ${result.code}, expected ${expectedCode}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
    }
    return result;
  }

  apply(extraArgs: string[] = []): Promise<RunResult> {
    return this.expect(['apply', '-auto-approve', '-no-color', ...extraArgs]);
  }

  destroy(): Promise<RunResult> {
    return this.expect(['destroy', '-auto-approve', '-no-color']);
  }

  /** `plan -detailed-exitcode`: 0 when nothing would change, 2 when something would. */
  async planExitCode(extraArgs: string[] = []): Promise<RunResult> {
    const result = await this.run(['plan', '-detailed-exitcode', '-no-color', ...extraArgs]);
    if (result.code === 1) throw new Error(`terraform plan failed\n${result.stdout}\n${result.stderr}`);
    return result;
  }

  /** Asserts the empty second plan, without and with refresh, as terraform-plugin-testing does after each step. */
  async expectEmptyPlans(): Promise<void> {
    for (const args of [['-refresh=false'], []]) {
      const result = await this.planExitCode(args);
      if (result.code !== 0) throw new Error(`expected an empty plan (${args.join(' ') || 'with refresh'}), got:\n${result.stdout}`);
    }
  }

  /** The `values` of every resource instance in state, by address. */
  async state(): Promise<Record<string, Record<string, unknown>>> {
    const { stdout } = await this.expect(['show', '-json', '-no-color']);
    const shown = JSON.parse(stdout) as { values?: { root_module?: { resources?: { address: string; values: Record<string, unknown> }[] } } };
    return Object.fromEntries((shown.values?.root_module?.resources ?? []).map((r) => [r.address, r.values]));
  }

  async output(name: string): Promise<string> {
    const { stdout } = await this.expect(['output', '-raw', '-no-color', name]);
    return stdout;
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The parent environment minus anything that would point terraform or the provider elsewhere. */
function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key.startsWith('TF_') || key.startsWith('KESTRA_')) continue;
    env[key] = value;
  }
  return env;
}
