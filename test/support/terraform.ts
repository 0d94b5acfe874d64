/**
 * Drives the real `terraform` binary the way terraform-plugin-testing does: one temporary working directory
 * per workspace, its own CLI configuration, no network, JSON output parsed for assertions. Workspaces clean up
 * after the test that made them: whatever their state still holds is destroyed, then the directory is removed.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defer, useCleanup } from './cleanup.js';
import { REPO_ROOT } from './paths.js';
import { launch } from './process.js';

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

/** Every acceptance file lets terraform launch the provider (test/support/acceptance.ts). */
const LAUNCHED_EVERYWHERE = process.env.KESTRA_ACC_PROVIDER === 'launched';

/**
 * A filesystem mirror holding bin/'s launcher as this version's package, so that `terraform init` (which
 * dev_overrides do not stop from asking the registry for the provider) finds it offline.
 */
function launcherMirror(dir: string): string {
  const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const platform = `${process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}`;
  const packageDir = join(dir, '.mirror', 'registry.terraform.io', 'kestra-iam', 'kestra', version, platform);
  mkdirSync(packageDir, { recursive: true });
  symlinkSync(join(REPO_ROOT, 'bin', 'terraform-provider-kestra'), join(packageDir, `terraform-provider-kestra_v${version}`));
  return (
    `  filesystem_mirror {\n    path    = "${join(dir, '.mirror')}"\n    include = ["registry.terraform.io/kestra-iam/kestra"]\n  }\n` +
    '  direct {\n    exclude = ["registry.terraform.io/kestra-iam/kestra"]\n  }\n'
  );
}

/**
 * Workspaces for the tests of this file. Call at the top level; each call of the returned function makes a
 * fresh workspace (with `defaults()` under the given options) that is cleaned up after the test.
 */
export function useWorkspaces(defaults: () => WorkspaceOptions = () => ({})): (options?: WorkspaceOptions) => TerraformWorkspace {
  useCleanup();
  return (options = {}) => {
    const base = defaults();
    return newWorkspace({ ...base, ...options, env: { ...base.env, ...options.env } });
  };
}

function newWorkspace(options: WorkspaceOptions): TerraformWorkspace {
  const workspace = new TerraformWorkspace(options);
  defer(() => workspace.dispose());
  return workspace;
}

class TerraformWorkspace {
  readonly dir: string;
  private readonly env: Record<string, string>;
  private owner = true;

  constructor(private readonly options: WorkspaceOptions) {
    this.dir = mkdtempSync(join(tmpdir(), 'tf-acc-'));
    const cliConfig = join(this.dir, 'terraform.tfrc');
    writeFileSync(
      cliConfig,
      `provider_installation {\n  dev_overrides {\n    "registry.terraform.io/kestra-iam/kestra" = "${join(REPO_ROOT, 'bin')}"\n  }\n${
        LAUNCHED_EVERYWHERE && !options.reattach ? launcherMirror(this.dir) : '  direct {}\n'
      }}\n`,
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

  /** Another fresh workspace with the same provider and environment, cleaned up after the test like this one. */
  sibling(): TerraformWorkspace {
    return newWorkspace(this.options);
  }

  /**
   * Marks the objects in this workspace's state as owned by another workspace (an import of the same objects):
   * after the test its directory is removed without destroying them.
   */
  disown(): void {
    this.owner = false;
  }

  writeConfig(hcl: string, file = 'main.tf'): void {
    writeFileSync(join(this.dir, file), hcl);
  }

  hasFile(file: string): boolean {
    return existsSync(join(this.dir, file));
  }

  readFile(file: string): string {
    return readFileSync(join(this.dir, file), 'utf8');
  }

  /**
   * Runs terraform. With `interruptAfter`, terraform runs in its own process group and, once its output shows
   * the text, the whole group gets SIGINT, as a terminal's Ctrl-C delivers it to terraform and its providers.
   */
  async run(args: string[], extraEnv: Record<string, string> = {}, options: { interruptAfter?: string } = {}): Promise<RunResult> {
    const { interruptAfter } = options;
    const terraform = launch(TERRAFORM, args, {
      cwd: this.dir,
      env: { ...inheritedEnv(), ...this.env, ...extraEnv },
      detached: interruptAfter !== undefined,
    });
    if (interruptAfter !== undefined) {
      // Rejects when terraform ends without ever printing the text; the exit code then tells the test.
      terraform.until((stdout) => stdout.includes(interruptAfter)).then(
        () => process.kill(-terraform.pid, 'SIGINT'),
        () => {},
      );
    }
    const { code } = await terraform.exited;
    return { code: code ?? -1, stdout: terraform.stdout(), stderr: terraform.stderr() };
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

  /** Whether the local state still holds managed resources (read from the state file, without running terraform). */
  private holdsResources(): boolean {
    if (!this.hasFile('terraform.tfstate')) return false;
    const state = JSON.parse(this.readFile('terraform.tfstate')) as { resources?: { mode: string }[] };
    return (state.resources ?? []).some((r) => r.mode === 'managed');
  }

  /** After the test: destroys what the state still holds (a test that failed half-way), then removes the directory. */
  async dispose(): Promise<void> {
    try {
      if (this.owner && this.holdsResources()) {
        const destroy = await this.run(['destroy', '-auto-approve', '-refresh=false', '-no-color']);
        if (destroy.code !== 0) {
          throw new Error(`terraform destroy of what the test left in ${this.dir} failed; there may be dangling objects\n${destroy.stdout}\n${destroy.stderr}`);
        }
      }
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

export type { TerraformWorkspace };

/** The parent environment minus anything that would point terraform or the provider elsewhere. */
function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key.startsWith('TF_') || key.startsWith('KESTRA_')) continue;
    env[key] = value;
  }
  return env;
}
