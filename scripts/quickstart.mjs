#!/usr/bin/env node
// npm run quickstart: the examples/quickstart workflow end to end on this machine. Builds the provider, starts
// the Kestra EE API emulator in the background (unless KESTRA_URL and credentials point at a real Kestra),
// applies the example with the real `terraform` through a dev_overrides CLI configuration, and proves the
// issued API token works. Everything it keeps lives in .quickstart/ (git-ignored).
//
//   npm run quickstart [-- --port N]      (or QUICKSTART_PORT=N; default 8585)
//   npm run quickstart -- --destroy       terraform destroy, then stop the emulator
import { spawn } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const QS = join(ROOT, '.quickstart');
const PATHS = {
  pid: join(QS, 'emulator.pid'),
  log: join(QS, 'emulator.log'),
  data: join(QS, 'emulator-data'),
  tfrc: join(QS, 'terraform.tfrc'),
  workspace: join(QS, 'workspace'),
  session: join(QS, 'quickstart.json'),
  example: join(ROOT, 'examples', 'quickstart'),
  emulatorMain: join(ROOT, 'dist', 'emulator', 'main.js'),
};
const DEFAULT_PORT = 8585;
const HOST = '127.0.0.1';
const ADMIN_USER = 'admin@kestra.io';
const ADMIN_PASSWORD = 'Admin1234!';
const PROVIDER_SOURCE = 'registry.terraform.io/kestra-iam/kestra';
const MIN_TERRAFORM = [1, 11];
const TERRAFORM = process.env.TERRAFORM || 'terraform';

const USAGE = `usage: npm run quickstart [-- --port N]     build, start the emulator on 127.0.0.1:N (default ${DEFAULT_PORT}, or QUICKSTART_PORT), apply examples/quickstart
       npm run quickstart -- --destroy      destroy what the quickstart created and stop the emulator

With KESTRA_URL and KESTRA_USERNAME/KESTRA_PASSWORD (or KESTRA_API_TOKEN) set, the quickstart uses that Kestra instead of the emulator.`;

class QuickstartError extends Error {}

// ---------------------------------------------------------------------------------------------- output

const started = Date.now();
let stepTotal = 0;
let stepIndex = 0;
let stepStarted = 0;
function step(title) {
  stepIndex += 1;
  stepStarted = Date.now();
  console.log(`[${stepIndex}/${stepTotal}] ${title}…`);
}
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const detail = (text) => console.log(`      ${text}`);
const doneStep = (text) => detail(`${text} (${seconds(stepStarted)})`);

/** A path as the user should type it: relative to where they ran npm from when inside it, else absolute. */
function shown(path) {
  const from = process.env.INIT_CWD || process.cwd();
  const rel = relative(from, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
const shq = (s) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`);

// ---------------------------------------------------------------------------------------------- processes

/** Runs a command, capturing its output; rejects with the output when the exit code is not 0 (or not allowed). */
function run(command, args, { env = process.env, cwd = ROOT, allowFailure = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => {
      const result = { code: code ?? -1, stdout, stderr };
      if (code === 0 || allowFailure) resolve(result);
      else reject(Object.assign(new QuickstartError(`${[command, ...args].join(' ')} exited ${code}\n${indent(`${stdout}${stderr}`.trim())}`), { result }));
    });
  });
}
const indent = (text) => text.split('\n').map((l) => `      | ${l}`).join('\n');

function npmCommand(args) {
  const cli = process.env.npm_execpath;
  return cli && /\.[cm]?js$/.test(cli) ? [process.execPath, [cli, ...args]] : [process.platform === 'win32' ? 'npm.cmd' : 'npm', args];
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** The command line of a process (ps exists on Linux and macOS); undefined when it cannot be read. */
async function commandLine(pid) {
  try {
    const { stdout, code } = await run('ps', ['-p', String(pid), '-o', 'command='], { allowFailure: true });
    return code === 0 ? stdout.trim() : '';
  } catch {
    return undefined;
  }
}

const basicAuth = `Basic ${Buffer.from(`${ADMIN_USER}:${ADMIN_PASSWORD}`).toString('base64')}`;

async function probe(url, authorization) {
  try {
    const response = await fetch(`${url}/api/v1/me`, { headers: { authorization }, signal: AbortSignal.timeout(3000) });
    return response.status;
  } catch {
    return undefined;
  }
}

function portFree(port) {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error) => (error.code === 'EADDRINUSE' || error.code === 'EACCES' ? resolve(false) : reject(error)));
    server.listen({ host: HOST, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------- session files

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function readPid() {
  const pid = Number(existsSync(PATHS.pid) ? readFileSync(PATHS.pid, 'utf8').trim() : NaN);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** The emulator this quickstart started earlier, if it is still running and still answers as our emulator. */
async function runningEmulator() {
  const pid = readPid();
  const session = readJson(PATHS.session);
  if (!pid || !session?.emulatorUrl || !isAlive(pid)) return undefined;
  const cmd = await commandLine(pid);
  if (cmd !== undefined && !cmd.includes('emulator/main.js')) return undefined; // the pid was reused by something else
  if ((await probe(session.emulatorUrl, basicAuth)) !== 200) return undefined;
  return { pid, url: session.emulatorUrl };
}

function resourcesInState() {
  const state = readJson(join(PATHS.workspace, 'terraform.tfstate'));
  return state?.resources?.length ?? 0;
}

// ---------------------------------------------------------------------------------------------- steps

function parseCli(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { port: { type: 'string' }, destroy: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new QuickstartError(`${error.message}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const raw = values.port ?? process.env.QUICKSTART_PORT ?? String(DEFAULT_PORT);
  const port = Number(raw);
  if (!/^\d+$/.test(String(raw)) || port < 1 || port > 65535) throw new QuickstartError(`invalid port ${raw}: expected a number between 1 and 65535`);
  return { destroy: values.destroy, port, portChosen: values.port !== undefined || process.env.QUICKSTART_PORT !== undefined };
}

/** Which Kestra to use: a real one from the environment, or the local emulator. */
function target() {
  const env = process.env;
  if (!env.KESTRA_URL) return { external: false };
  const hasBasic = Boolean(env.KESTRA_USERNAME && env.KESTRA_PASSWORD);
  if (!hasBasic && !env.KESTRA_API_TOKEN) {
    throw new QuickstartError(
      'KESTRA_URL is set, but neither KESTRA_USERNAME/KESTRA_PASSWORD nor KESTRA_API_TOKEN is.\n' +
        'Set the credentials to use that Kestra, or unset KESTRA_URL to use the local emulator.',
    );
  }
  const kestraEnv = Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('KESTRA_')));
  return { external: true, url: env.KESTRA_URL.replace(/\/+$/, ''), env: kestraEnv, tenant: env.KESTRA_TENANT_ID || 'main', auth: hasBasic ? 'KESTRA_USERNAME/KESTRA_PASSWORD' : 'KESTRA_API_TOKEN' };
}

async function checkTerraform() {
  let result;
  try {
    result = await run(TERRAFORM, ['version', '-json'], { env: terraformEnv({}) , allowFailure: true });
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
    throw new QuickstartError(
      `Terraform was not found${TERRAFORM === 'terraform' ? ' on PATH' : ` at ${TERRAFORM}`}. Install Terraform ${MIN_TERRAFORM.join('.')} or newer:\n` +
        '  https://developer.hashicorp.com/terraform/install\n' +
        '  (macOS: brew install hashicorp/tap/terraform; Linux: the HashiCorp apt/yum repository, or unzip the release into a directory on PATH)\n' +
        'then run npm run quickstart again. To use a terraform binary elsewhere: TERRAFORM=/path/to/terraform npm run quickstart',
    );
  }
  let info;
  try {
    info = JSON.parse(result.stdout);
  } catch {
    throw new QuickstartError(`could not read the output of \`${TERRAFORM} version -json\`:\n${indent(`${result.stdout}${result.stderr}`.trim())}`);
  }
  const [major, minor] = String(info.terraform_version).split('.').map(Number);
  if (major < MIN_TERRAFORM[0] || (major === MIN_TERRAFORM[0] && minor < MIN_TERRAFORM[1])) {
    throw new QuickstartError(`Terraform ${info.terraform_version} is too old: examples/quickstart needs ${MIN_TERRAFORM.join('.')} or newer (https://developer.hashicorp.com/terraform/install)`);
  }
  return info;
}

async function build() {
  const [command, args] = npmCommand(['run', 'build']);
  await run(command, args);
}

/** Starts the emulator detached, its output in .quickstart/emulator.log, and waits for its "listening on" line. */
async function startEmulator(port, portChosen) {
  if (!existsSync(PATHS.emulatorMain)) throw new QuickstartError(`${relative(ROOT, PATHS.emulatorMain)} is missing; the build did not produce it`);
  if (!(await portFree(port))) {
    throw new QuickstartError(
      `port ${port} on ${HOST} is already in use by another program, so the emulator cannot listen there.\n` +
        `Choose another port: npm run quickstart -- --port ${port === DEFAULT_PORT ? 8586 : port + 1}   (or QUICKSTART_PORT=${port === DEFAULT_PORT ? 8586 : port + 1} npm run quickstart)` +
        (portChosen ? '' : `\nor stop what is listening on ${port} (lsof -i :${port} shows it).`),
    );
  }
  mkdirSync(PATHS.data, { recursive: true });
  const logOffset = existsSync(PATHS.log) ? statSync(PATHS.log).size : 0;
  const out = openSync(PATHS.log, 'a');
  const child = spawn(
    process.execPath,
    [PATHS.emulatorMain, '--host', HOST, '--port', String(port), '--data', PATHS.data, '--admin-user', ADMIN_USER, '--admin-password', ADMIN_PASSWORD],
    { cwd: ROOT, detached: true, stdio: ['ignore', out, out], env: { ...process.env } },
  );
  closeSync(out);
  let exited;
  child.on('exit', (code, signal) => (exited = signal ?? `exit ${code}`));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const log = readFileSync(PATHS.log, 'utf8').slice(logOffset);
    const match = log.match(/listening on (http:\/\/\S+)/);
    if (match) {
      writeFileSync(PATHS.pid, `${child.pid}\n`);
      child.unref();
      return { pid: child.pid, url: match[1], log };
    }
    if (exited || Date.now() > deadline) {
      if (!exited) child.kill('SIGTERM');
      throw new QuickstartError(`the emulator did not start (${exited ?? 'no "listening on" line after 30 s'}); its log (${shown(PATHS.log)}):\n${indent(log.trim() || '(empty)')}`);
    }
    await sleep(100);
  }
}

async function stopEmulator() {
  const pid = readPid();
  if (!pid || !isAlive(pid)) {
    rmSync(PATHS.pid, { force: true });
    return 'not running';
  }
  const cmd = await commandLine(pid);
  if (cmd !== undefined && !cmd.includes('emulator/main.js')) {
    rmSync(PATHS.pid, { force: true });
    return `not running (pid ${pid} now belongs to another program; left alone)`;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 10_000;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) throw new QuickstartError(`the emulator (pid ${pid}) did not stop within 10 s of SIGTERM; stop it with: kill -9 ${pid}`);
  rmSync(PATHS.pid, { force: true });
  return `stopped (pid ${pid})`;
}

/** The environment terraform (and through it the provider) runs with: ours, never the caller's TF_ or KESTRA_ settings. */
function terraformEnv(kestraEnv) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('KESTRA_') || (key.startsWith('TF_') && !key.startsWith('TF_LOG'))) continue;
    env[key] = value;
  }
  return { ...env, TF_CLI_CONFIG_FILE: PATHS.tfrc, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0', ...kestraEnv };
}

function writeTerraformFiles() {
  mkdirSync(PATHS.workspace, { recursive: true });
  // dev_overrides: terraform runs bin/terraform-provider-kestra (→ dist/provider/main.js) from this checkout.
  // No `direct {}`: the quickstart configuration needs no other provider, so nothing is ever downloaded.
  writeFileSync(
    PATHS.tfrc,
    `# Written by npm run quickstart.\nprovider_installation {\n  dev_overrides {\n    "${PROVIDER_SOURCE}" = "${join(ROOT, 'bin')}"\n  }\n}\n`,
  );
  cpSync(join(PATHS.example, 'main.tf'), join(PATHS.workspace, 'main.tf'));
}

const tf = (args, kestraEnv, options = {}) => run(TERRAFORM, [`-chdir=${PATHS.workspace}`, ...args], { env: terraformEnv(kestraEnv), ...options });

function summarizeApply(stdout) {
  const lines = stdout.split('\n');
  const changes = lines.filter((l) => /: (Creation|Modifications|Destruction) complete/.test(l)).map((l) => l.replace(/ after \d+s/, '').replace(/\[id=[^\]]*\]/, '').trim());
  const summary = lines.find((l) => /^(Apply complete!|No changes\.)/.test(l.trim()));
  return { changes, summary: summary?.trim() };
}

// ---------------------------------------------------------------------------------------------- commands

async function quickstart(options) {
  const kestra = target();
  stepTotal = 5;
  const session = readJson(PATHS.session);
  mkdirSync(QS, { recursive: true });

  step('Checking Terraform');
  const tfInfo = await checkTerraform();
  doneStep(`Terraform ${tfInfo.terraform_version} (${tfInfo.platform})`);

  step('Building the provider (npm run build)');
  await build();
  doneStep('dist/ is up to date');

  let url;
  let kestraEnv;
  let tenant;
  let emulatorPid;
  if (kestra.external) {
    step(`Using the Kestra at ${kestra.url} (KESTRA_URL, ${kestra.auth}); not starting the emulator`);
    const authorization = kestra.env.KESTRA_API_TOKEN
      ? `Bearer ${kestra.env.KESTRA_API_TOKEN}`
      : `Basic ${Buffer.from(`${kestra.env.KESTRA_USERNAME}:${kestra.env.KESTRA_PASSWORD}`).toString('base64')}`;
    const status = await probe(kestra.url, authorization);
    if (status !== 200) {
      throw new QuickstartError(
        `GET ${kestra.url}/api/v1/me with ${kestra.auth} answered ${status === undefined ? 'nothing (unreachable)' : `HTTP ${status}`}: check KESTRA_URL and the credentials, or unset KESTRA_URL to use the local emulator.`,
      );
    }
    doneStep('reachable, credentials accepted (GET /api/v1/me -> 200)');
    url = kestra.url;
    kestraEnv = kestra.env;
    tenant = kestra.tenant;
  } else {
    const running = await runningEmulator();
    if (running) {
      step('Kestra emulator already running');
      if (options.portChosen && !running.url.endsWith(`:${options.port}`)) {
        detail(`note: it listens on ${running.url}, not port ${options.port}; run npm run quickstart -- --destroy first to move it`);
      }
      url = running.url;
      emulatorPid = running.pid;
      doneStep(`reusing ${url} (pid ${running.pid})`);
    } else {
      step(`Starting the Kestra emulator on ${HOST}:${options.port}`);
      const emulator = await startEmulator(options.port, options.portChosen);
      writeFileSync(PATHS.session, `${JSON.stringify({ ...session, emulatorUrl: emulator.url }, null, 2)}\n`);
      url = emulator.url;
      emulatorPid = emulator.pid;
      doneStep(`${url} (pid ${emulator.pid}; data in ${shown(PATHS.data)}, log in ${shown(PATHS.log)})`);
    }
    kestraEnv = { KESTRA_URL: url, KESTRA_USERNAME: ADMIN_USER, KESTRA_PASSWORD: ADMIN_PASSWORD };
    tenant = 'main';
  }

  // The workspace state belongs to one Kestra; applying it against another would mix them up.
  if (session?.url && session.url !== url && resourcesInState() > 0) {
    const sameEmulatorData = !kestra.external && !session.external;
    if (!sameEmulatorData) {
      throw new QuickstartError(
        `the quickstart state in ${shown(PATHS.workspace)} holds objects created on ${session.url}, not ${url}.\n` +
          `Run npm run quickstart -- --destroy with the settings of that first run, or delete ${shown(QS)} to forget them.`,
      );
    }
  }
  writeFileSync(PATHS.session, `${JSON.stringify({ url, external: kestra.external, tenant, emulatorUrl: kestra.external ? session?.emulatorUrl : url }, null, 2)}\n`);

  // No `terraform init`: a dev_overrides provider needs none, and init would still ask registry.terraform.io
  // for the provider's versions (Terraform 1.11 prints "Skip terraform init when using provider development
  // overrides"), which fails offline.
  step(`Preparing the Terraform working directory ${shown(PATHS.workspace)}`);
  writeTerraformFiles();
  doneStep(`examples/quickstart/main.tf copied; ${shown(PATHS.tfrc)} points Terraform at ${shown(join(ROOT, 'bin'))}/ (dev_overrides, no init needed)`);

  step('terraform apply -auto-approve');
  const apply = await tf(['apply', '-auto-approve', '-no-color', '-input=false'], kestraEnv);
  const { changes, summary } = summarizeApply(apply.stdout);
  for (const change of changes) detail(change);
  // A second run only refreshes: the token's expires_at moves forward when the token was used (extended token).
  const unchanged = !summary || /^No changes|Resources: 0 added, 0 changed, 0 destroyed/.test(summary);
  doneStep(unchanged ? 'nothing to change: everything already exists' : summary);

  // What exists now, from the state (the token value itself is never printed).
  const shownState = JSON.parse((await tf(['show', '-json', '-no-color'], kestraEnv)).stdout);
  const resources = Object.fromEntries((shownState.values?.root_module?.resources ?? []).map((r) => [r.address, r.values]));
  const account = resources['kestra_service_account.ci_bot'] ?? {};
  const role = resources['kestra_role.flow_deployer'] ?? {};
  const token = resources['kestra_api_token.ci_bot'] ?? {};

  const chdir = shown(PATHS.workspace);
  const searchUrl = `${url}/api/v1/${tenant}/flows/search`;
  // `terraform output` only reads the state: it needs neither the CLI configuration nor the provider.
  const tokenCommand = `${TERRAFORM === 'terraform' ? 'terraform' : shq(TERRAFORM)} -chdir=${shq(chdir)} output -raw ci_bot_token`;
  const curlLine = `curl -sS -H "Authorization: Bearer $(${tokenCommand})" ${shq(searchUrl)}`;

  console.log(`
Done in ${seconds(started)}. On ${url} (tenant ${tenant}):
  service account  ${account.name ?? 'ci-bot'}  (id ${account.id ?? '?'})
  role             ${role.name ?? 'flow-deployer'}  (id ${role.id ?? '?'}): FLOW read/create/update, EXECUTION read/create
  role binding     ${account.name ?? 'ci-bot'} -> ${role.name ?? 'flow-deployer'}
  API token        ${token.name ?? 'ci-pipeline'}  (id ${token.id ?? '?'}), expires ${token.expires_at ?? '?'} (max_age ${token.max_age ?? 'P30D'}, extended while in use)

The token is in Terraform's state only. Call Kestra with it:
  ${curlLine}
`);

  // Prove it: the same line, run once, with curl's status code instead of the body.
  const hasCurl = (await run('sh', ['-c', 'command -v curl'], { allowFailure: true })).code === 0;
  let status;
  if (hasCurl) {
    const check = await run('sh', ['-c', `${curlLine} -o /dev/null -w '%{http_code}'`], { cwd: process.env.INIT_CWD || process.cwd(), allowFailure: true });
    status = check.stdout.trim();
    console.log(`Ran it once: GET ${searchUrl} with the token -> HTTP ${status || `(curl failed: ${check.stderr.trim()})`}`);
  } else {
    const value = (await tf(['output', '-raw', '-no-color', 'ci_bot_token'], kestraEnv)).stdout;
    status = String((await fetch(searchUrl, { headers: { authorization: `Bearer ${value}` } })).status);
    console.log(`curl is not installed; the same call made from Node: GET ${searchUrl} with the token -> HTTP ${status}`);
  }

  if (kestra.external) {
    console.log('\nRemove what the quickstart created with: npm run quickstart -- --destroy   (with the same KESTRA_* settings)');
  } else {
    console.log(`\nThe emulator keeps running in the background (pid ${emulatorPid}, log ${shown(PATHS.log)}) so you can try the line above.`);
    console.log('Destroy what was created and stop it with: npm run quickstart -- --destroy');
  }
  if (status !== '200') throw new QuickstartError(`expected HTTP 200 from ${searchUrl} with the new token, got ${status}`);
}

async function destroy() {
  const session = readJson(PATHS.session);
  const external = session?.external ?? false;
  const hasState = resourcesInState() > 0;
  stepTotal = 3;

  step('Checking Terraform');
  let tfInfo;
  try {
    tfInfo = hasState ? await checkTerraform() : undefined;
  } catch (error) {
    if (external) throw error;
    detail(error.message.split('\n')[0]);
  }
  doneStep(tfInfo ? `Terraform ${tfInfo.terraform_version}` : hasState ? 'not available: the objects stay in the emulator data' : 'not needed: the quickstart state is empty');

  let kestraEnv;
  if (hasState && tfInfo) {
    if (external) {
      const kestra = target();
      if (!kestra.external || kestra.url !== session.url) {
        throw new QuickstartError(`the quickstart created its objects on ${session.url}: set KESTRA_URL=${session.url} and its credentials, then run npm run quickstart -- --destroy again`);
      }
      kestraEnv = kestra.env;
      step(`terraform destroy on ${session.url}`);
    } else {
      // The objects live in the emulator's data; it has to be up to delete them.
      step('terraform destroy on the emulator');
      let running = await runningEmulator();
      if (!running) {
        const port = Number(new URL(session?.url ?? `http://${HOST}:${DEFAULT_PORT}`).port);
        detail(`starting the emulator again on port ${port} to delete the objects`);
        running = await startEmulator(port, true);
        writeFileSync(PATHS.session, `${JSON.stringify({ ...session, url: running.url, emulatorUrl: running.url }, null, 2)}\n`);
      }
      kestraEnv = { KESTRA_URL: running.url, KESTRA_USERNAME: ADMIN_USER, KESTRA_PASSWORD: ADMIN_PASSWORD };
      detail(`emulator at ${running.url}`);
    }
    writeTerraformFiles();
    const result = await tf(['destroy', '-auto-approve', '-no-color', '-input=false'], kestraEnv);
    const { changes, summary } = summarizeApply(result.stdout);
    for (const change of changes) detail(change);
    doneStep(result.stdout.match(/Destroy complete![^\n]*/)?.[0] ?? summary ?? 'destroyed');
  } else {
    step('terraform destroy');
    doneStep(hasState ? 'skipped' : 'nothing to destroy');
  }

  step('Stopping the Kestra emulator');
  const stopped = await stopEmulator();
  doneStep(external && stopped === 'not running' ? 'not used (KESTRA_URL)' : stopped);
  console.log(`\nDone. ${shown(QS)} keeps the emulator data and logs; delete it to start from scratch.`);
}

async function main() {
  const options = parseCli(process.argv.slice(2));
  if (options.destroy) await destroy();
  else await quickstart(options);
}

main().catch((error) => {
  if (error instanceof QuickstartError) {
    console.error(`\nquickstart: ${error.message}`);
  } else {
    console.error(`\nquickstart failed unexpectedly: ${error.stack ?? error}`);
  }
  process.exit(1);
});
