/**
 * An ephemeral token authenticates a second, aliased provider for one run: it creates a role as the service
 * account, appears in neither plan nor state, and is revoked once the run ends. Terraform launches the
 * provider itself here: each provider block then gets its own process, as in real use (a reattached debug
 * process would receive both configurations).
 */
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { TerraformWorkspace } from '../support/terraform.js';

let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator?.close();
});

const identity = `
resource "kestra_service_account" "iam_bot" {
  name = "iam-bot"
}
resource "kestra_role" "role_admin" {
  name        = "role-admin"
  permissions = { ROLE = ["READ", "CREATE", "UPDATE", "DELETE"], FLOW = ["READ"] }
}
resource "kestra_role_binding" "iam_bot" {
  role_id            = kestra_role.role_admin.id
  service_account_id = kestra_service_account.iam_bot.id
}
`;

const actingAsBot = `
ephemeral "kestra_api_token" "bot" {
  service_account_id = kestra_service_account.iam_bot.id
  max_age            = "PT10M"
  # The token is only useful once the binding grants its permissions (and until the binding is destroyed).
  depends_on = [kestra_role_binding.iam_bot]
}

provider "kestra" {
  alias     = "bot"
  url       = "URL"
  api_token = ephemeral.kestra_api_token.bot.token
}

resource "kestra_role" "made_by_bot" {
  provider    = kestra.bot
  name        = "made-by-bot"
  permissions = { FLOW = ["READ"] }
}
`;

test('an ephemeral token configures an aliased provider, stays out of state, and is revoked after the run', async () => {
  const ws = new TerraformWorkspace();
  try {
    ws.writeConfig(emulator.providerBlock() + identity);
    await ws.apply();
    const botId = (await ws.state())['kestra_service_account.iam_bot']!.id as string;

    ws.writeConfig(emulator.providerBlock() + identity + actingAsBot.replace('URL', emulator.url));
    const apply = await ws.apply();
    expect(apply.stdout).toContain('ephemeral.kestra_api_token.bot: Opening...');
    expect(apply.stdout).toContain('ephemeral.kestra_api_token.bot: Closing...');
    const roles = (await emulator.api('GET', '/api/v1/main/roles/search?q=made-by-bot')).body.results as { name: string }[];
    expect(roles.map((r) => r.name)).toContain('made-by-bot');

    // Every minted token was revoked when the run ended, and none of them reached the state.
    expect((await emulator.api('GET', `/api/v1/main/service-accounts/${botId}/api-tokens`)).body.results).toEqual([]);
    const { stdout: rawState } = await ws.expect(['state', 'pull']);
    const stored = (JSON.parse(rawState) as { resources: { mode: string; type: string }[] }).resources;
    expect(stored.filter((r) => r.mode !== 'managed' || r.type === 'kestra_api_token')).toEqual([]);
    await ws.expectEmptyPlans();
    await ws.destroy();
    expect((await emulator.api('GET', `/api/v1/main/service-accounts/${botId}/api-tokens`)).status).toBe(404);
  } finally {
    ws.cleanup();
  }
});
