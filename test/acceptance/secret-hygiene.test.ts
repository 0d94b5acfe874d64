/**
 * Secrets never leak: a whole workflow runs with TF_LOG=trace on the real launch path (so the provider's own
 * log lines pass through terraform's log), and no token, password or Authorization value appears in terraform's
 * output and log, the provider's log, the emulator's log, or plan output and diagnostics.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { REPO_ROOT } from '../support/paths.js';
import { useWorkspaces } from '../support/terraform.js';

const workspace = useWorkspaces();
let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator?.close();
});

test('no token, password or Authorization value in any log, plan or diagnostic', async () => {
  const env = {
    KESTRA_URL: emulator.url,
    KESTRA_USERNAME: emulator.adminUser,
    KESTRA_PASSWORD: emulator.adminPassword,
    TF_LOG: 'trace',
  };
  const ws = workspace({ env });
  const outputs: string[] = [];
  const record = (r: { stdout: string; stderr: string }) => outputs.push(r.stdout, r.stderr);
  cpSync(join(REPO_ROOT, 'examples', 'quickstart'), ws.dir, { recursive: true });
  record(await ws.apply());
  record(await ws.planExitCode());
  const token = (await ws.run(['output', '-raw', 'ci_bot_token'], { TF_LOG: '' })).stdout;
  expect(token).toMatch(/^[A-Z0-9]{6}[A-Za-z0-9]{42}$/); // a real secret, so that looking for it below means something

  // The token in use, then a failing call whose diagnostic carries a server message.
  expect((await emulator.api.get('/api/v1/main/flows/search', { auth: { bearer: token } })).status).toBe(200);
  record(await ws.run(['apply', '-auto-approve', '-no-color', '-var', 'token_rotation=2']));
  record(await ws.run(['plan', '-no-color'], { KESTRA_PASSWORD: 'Wrong-Passw0rd-Leak-Check' }));
  record(await ws.run(['destroy', '-auto-approve', '-no-color', '-var', 'token_rotation=2']));

  const everything = [...outputs, ...emulator.logLines].join('\n');
  expect(everything).toContain('kestra_api_token.ci_bot'); // the logs really were captured
  expect(everything).toMatch(/GET \/api\/v1\/me/); // including the provider's API call log lines
  const basic = Buffer.from(`${emulator.adminUser}:${emulator.adminPassword}`).toString('base64');
  for (const secret of [token, emulator.adminPassword, 'Wrong-Passw0rd-Leak-Check', basic, `Bearer ${token.slice(0, 12)}`]) {
    expect(everything.includes(secret) ? `leaked: ${secret.slice(0, 4)}…` : 'clean').toBe('clean');
  }
  expect(everything).not.toMatch(/authorization["']?\s*[:=]\s*["']?(Basic|Bearer) /i);
});
