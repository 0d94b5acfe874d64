/**
 * docs/guides/gitops.md, as written (examples/guides/gitops): its GitHub Actions workflow passes actionlint, and its
 * shell steps, run in order as a runner would run them for a pull request and then for the merge, install the
 * provider from a signed release, plan, apply against the emulator and publish the deployer's token to the flows
 * repository's secrets. What only GitHub has is stood in for: `gh` (release download, secret set) by a script
 * serving the release scripts/package.mjs made and recording the secrets it is given; the `uses:` steps (checkout,
 * Node.js, Terraform, AWS credentials) by this machine; the S3 state by the local backend, through an override file.
 */
import { execFile } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { actionlint } from '../support/actionlint.js';
import { defer } from '../support/cleanup.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { throwawaySigningKey } from '../support/gpg.js';
import { REPO_ROOT } from '../support/paths.js';
import { packageRelease, PROVIDER_VERSION, type Release } from '../support/release.js';
import { useWorkspaces, type TerraformWorkspace } from '../support/terraform.js';

const execFileAsync = promisify(execFile);

const GUIDE = join(REPO_ROOT, 'examples', 'guides', 'gitops');
const WORKFLOW_PATH = '.github/workflows/kestra-iam.yml';
const FLOWS_REPO = 'example/team-flows';

interface Step {
  name?: string;
  uses?: string;
  if?: string;
  run?: string;
  env?: Record<string, string>;
}
interface Workflow {
  on: Record<string, { branches?: string[] }>;
  defaults?: { run?: { shell?: string } };
  env: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
}

const workflowText = readFileSync(join(GUIDE, WORKFLOW_PATH), 'utf8');
const workflow = parse(workflowText) as Workflow;

const workspace = useWorkspaces();
let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator?.close();
});

test('the workflow passes actionlint, which does report a broken copy of it', async () => {
  expect(await actionlint(join(GUIDE, WORKFLOW_PATH), WORKFLOW_PATH)).toEqual([]);

  const broken = mkdtempSync(join(tmpdir(), 'workflow-'));
  defer(() => rmSync(broken, { recursive: true, force: true }));
  const copy = join(broken, 'kestra-iam.yml');
  writeFileSync(copy, workflowText.replace('runs-on: ubuntu-latest', 'runs-on: ubuntu-latest\n    timeout-minutes: soon').replace('vars.FLOWS_REPO }}', 'steps.flows.outputs.repo }}'));
  const findings = (await actionlint(copy, WORKFLOW_PATH)).map((f) => f.message);
  expect(findings).toEqual(expect.arrayContaining([expect.stringContaining('timeout-minutes'), expect.stringContaining('property "flows" is not defined')]));
});

/** What a repository's settings give the workflow's ${{ }} expressions. */
type Settings = Record<string, string>;

/** Replaces each ${{ context.name }} by its setting; any other expression fails the test (the runner is not emulated). */
function resolve(value: string, settings: Settings): string {
  return value.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, name: string) => {
    const resolved = settings[name];
    if (resolved === undefined) throw new Error(`the workflow uses \${{ ${name} }}, which the test does not provide`);
    return resolved;
  });
}

/** Whether a step runs for `event`: the workflow only conditions steps on the event. */
function runsFor(step: Step, event: string): boolean {
  if (step.if === undefined) return true;
  const match = /^github\.event_name == '([\w-]+)'$/.exec(step.if);
  if (!match) throw new Error(`the test does not evaluate the condition ${step.if}`);
  return match[1] === event;
}

interface StandIns {
  dir: string;
  release: Release;
  settings: Settings;
}

/** A `gh` on PATH that serves the release's assets and stores secrets as files; both log their calls. */
function fakeGh(dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(
    join(bin, 'gh'),
    `#!/bin/bash
set -euo pipefail
echo "GH_TOKEN=$GH_TOKEN $*" >> "$FAKE_GH_LOG"
command="$1 $2"
shift 2
case "$command" in
  "release download")
    tag=$1; shift; dir=.; patterns=()
    while [ $# -gt 0 ]; do
      case $1 in
        --repo) repo=$2; shift 2 ;;
        --dir) dir=$2; shift 2 ;;
        --pattern) patterns+=("$2"); shift 2 ;;
        *) echo "gh release download: unknown flag $1" >&2; exit 1 ;;
      esac
    done
    [ "$tag" = "$FAKE_GH_TAG" ] || { echo "release not found: $tag" >&2; exit 1; }
    for pattern in "\${patterns[@]}"; do
      found=0
      for asset in "$FAKE_GH_RELEASE"/$pattern; do [ -e "$asset" ] && cp "$asset" "$dir/" && found=1; done
      [ $found = 1 ] || { echo "no asset matches $pattern" >&2; exit 1; }
    done ;;
  "secret set")
    name=$1; shift
    while [ $# -gt 0 ]; do
      case $1 in
        --repo) repo=$2; shift 2 ;;
        --app) shift 2 ;;
        *) echo "gh secret set: unknown flag $1" >&2; exit 1 ;;
      esac
    done
    mkdir -p "$FAKE_GH_SECRETS/$repo"
    cat > "$FAKE_GH_SECRETS/$repo/$name" ;;
  *) echo "gh: $command is not stood in for" >&2; exit 1 ;;
esac
`,
  );
  chmodSync(join(bin, 'gh'), 0o755);
  return bin;
}

/** Runs the job's steps for `event` in `ws.dir`, as a fresh runner would; returns the names and output of the steps run. */
async function runJob(ws: TerraformWorkspace, event: string, standIns: StandIns): Promise<{ ran: string[]; skipped: string[]; output: string }> {
  expect(workflow.defaults?.run?.shell).toBe('bash');
  const runner = mkdtempSync(join(standIns.dir, 'runner-'));
  const githubEnv = join(runner, 'github-env');
  writeFileSync(githubEnv, '');
  const home = join(runner, 'home');
  mkdirSync(home);
  const base: Record<string, string> = {
    PATH: [fakeGh(standIns.dir), dirname(process.execPath), process.env.PATH ?? ''].join(':'),
    HOME: home,
    RUNNER_TEMP: join(runner, 'temp'),
    GITHUB_ENV: githubEnv,
    GITHUB_EVENT_NAME: event,
    CI: 'true',
    FAKE_GH_LOG: join(standIns.dir, 'gh.log'),
    FAKE_GH_TAG: `v${PROVIDER_VERSION}`,
    FAKE_GH_RELEASE: standIns.release.packagesDir,
    FAKE_GH_SECRETS: join(standIns.dir, 'secrets'),
  };
  mkdirSync(base.RUNNER_TEMP!);
  const jobEnv = Object.fromEntries(Object.entries(workflow.env).map(([k, v]) => [k, resolve(String(v), standIns.settings)]));
  const [job] = Object.values(workflow.jobs);
  const ran: string[] = [];
  const skipped: string[] = [];
  let output = '';
  for (const step of job!.steps) {
    const name = step.name ?? step.uses ?? step.run ?? '';
    if (step.uses !== undefined || !runsFor(step, event)) {
      skipped.push(name);
      continue;
    }
    // GITHUB_ENV lines of earlier steps, as NAME=value.
    const exported = Object.fromEntries(
      readFileSync(githubEnv, 'utf8')
        .split('\n')
        .filter((line) => line.includes('='))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, resolve(String(v), standIns.settings)]));
    const script = join(runner, `step-${ran.length}.sh`);
    writeFileSync(script, step.run!);
    try {
      // What GitHub runs for `shell: bash`.
      const result = await execFileAsync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: ws.dir, env: { ...base, ...jobEnv, ...exported, ...stepEnv } });
      output += result.stdout + result.stderr;
    } catch (error) {
      const failed = error as { stdout: string; stderr: string };
      throw new Error(`step "${name}" failed:\n${failed.stdout}\n${failed.stderr}`);
    }
    ran.push(name);
  }
  return { ran, skipped, output };
}

test('pull request: the provider comes from the signed release and the plan runs; merge: apply, and the token reaches the secret store', async () => {
  const { gpg, fingerprint, publicKey } = await throwawaySigningKey();
  const release = await packageRelease(['--gpg-key', fingerprint], gpg.env);
  defer(() => release.remove());
  const standIns = mkdtempSync(join(tmpdir(), 'gitops-'));
  defer(() => rmSync(standIns, { recursive: true, force: true }));

  // The pipeline's Kestra token: the bootstrap service account's, as the bootstrapping guide makes it.
  const admin = { KESTRA_URL: emulator.url, KESTRA_USERNAME: emulator.adminUser, KESTRA_PASSWORD: emulator.adminPassword };
  const bootstrap = workspace({ env: admin });
  cpSync(join(REPO_ROOT, 'examples', 'guides', 'bootstrap', 'bootstrap'), bootstrap.dir, { recursive: true });
  await bootstrap.apply();
  const settings: Settings = {
    'vars.KESTRA_URL': emulator.url,
    'vars.AWS_STATE_ROLE_ARN': 'arn:aws:iam::123456789012:role/terraform-state',
    'vars.KESTRA_PROVIDER_SIGNING_KEY': publicKey,
    'vars.FLOWS_REPO': FLOWS_REPO,
    'secrets.KESTRA_API_TOKEN': await bootstrap.output('terraform_token'),
    'secrets.FLOWS_REPO_SECRETS_TOKEN': 'flows-secrets-writer',
    'github.token': 'workflow-token',
  };

  // The repository: the guide's files, with the state in a local file instead of S3.
  const ws = workspace({ env: admin });
  cpSync(GUIDE, ws.dir, { recursive: true });
  ws.writeConfig('terraform {\n  backend "local" {}\n}\n', 'backend_override.tf');
  expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
  expect(workflow.on.push?.branches).toEqual(['main']);

  const pr = await runJob(ws, 'pull_request', { dir: standIns, release, settings });
  expect(pr.skipped).toEqual(['actions/checkout@v4', 'actions/setup-node@v4', 'hashicorp/setup-terraform@v3', 'aws-actions/configure-aws-credentials@v4', 'Apply', 'Publish the deployer token to the flows repository']);
  expect(pr.output).toContain('Good signature');
  expect(pr.output).toMatch(/terraform-provider-kestra_[\d.]+_linux_amd64\.zip: OK/);
  expect(pr.output).toContain(`Installed kestra-iam/kestra v${PROVIDER_VERSION} (unauthenticated)`);
  expect(pr.output).toContain('Plan: 4 to add, 0 to change, 0 to destroy.');
  const serviceAccounts = async () => ((await emulator.api.get('/api/v1/main/service-accounts')).body.results as { username: string }[]).map((a) => a.username).sort();
  expect(await serviceAccounts()).toEqual(['terraform']);
  const secret = join(standIns, 'secrets', FLOWS_REPO, 'KESTRA_API_TOKEN');
  expect(existsSync(secret)).toBe(false);

  const merge = await runJob(ws, 'push', { dir: standIns, release, settings });
  expect(merge.ran).toEqual(expect.arrayContaining(['Apply', 'Publish the deployer token to the flows repository']));
  expect(merge.skipped).not.toContain('Apply');
  expect(merge.output).toContain('Apply complete! Resources: 4 added, 0 changed, 0 destroyed.');
  expect(await serviceAccounts()).toEqual(['team-flows-ci', 'terraform']);
  const published = readFileSync(secret, 'utf8');
  expect(published).toBe(await ws.output('deployer_token'));
  // The secret went to the store with the token allowed to write it, and was never printed.
  expect(readFileSync(join(standIns, 'gh.log'), 'utf8')).toContain(`GH_TOKEN=flows-secrets-writer secret set KESTRA_API_TOKEN --app actions --repo ${FLOWS_REPO}`);
  expect(merge.output).not.toContain(published);
  expect((await emulator.api.get('/api/v1/main/flows/search?namespace=company.team', { auth: { bearer: published } })).status).toBe(200);

  // The next merge finds nothing to do and publishes the same token again.
  const again = await runJob(ws, 'push', { dir: standIns, release, settings });
  expect(again.output).toContain('Apply complete! Resources: 0 added, 0 changed, 0 destroyed.');
  expect(readFileSync(secret, 'utf8')).toBe(published);

  await ws.destroy();
  expect((await emulator.api.get('/api/v1/me', { auth: { bearer: published } })).status).toBe(401);
});
