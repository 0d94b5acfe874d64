import { useAcceptance } from '../support/acceptance.js';

const acceptance = useAcceptance();

const meStatus = async (token: string) => (await acceptance.emulator.api.get('/api/v1/me', { auth: { bearer: token } })).status;

const saToken = (tokenArgs: string, account = 'token-bot') => `${acceptance.emulator.providerBlock()}
resource "kestra_service_account" "bot" {
  name = "${account}"
}

resource "kestra_api_token" "bot" {
  service_account_id = kestra_service_account.bot.id
  name               = "deploy"
${tokenArgs}
}
`;

test('service-account token: create, secret kept, import without secret, out-of-band revocation, destroy', async () => {
  const ws = acceptance.workspace();
  const config = saToken('  description = "deploys"\n  max_age = "P1D"');
  ws.writeConfig(config);
  await ws.apply();
  const token = (await ws.state())['kestra_api_token.bot']!;
  expect(token).toMatchObject({ name: 'deploy', description: 'deploys', max_age: 'P1D', extended: false, expired: false, last_used: null });
  expect(Date.parse(token.expires_at as string) - Date.parse(token.issued_at as string)).toBe(86_400_000);
  expect(String(token.token).startsWith(String(token.prefix))).toBe(true);
  expect(await meStatus(token.token as string)).toBe(200);
  await ws.expectEmptyPlans();
  // Refresh never loses the secret, even after the token was used (last_used changes on the server).
  expect((await ws.state())['kestra_api_token.bot']!.token).toBe(token.token);

  const imported = ws.sibling();
  imported.disown();
  imported.writeConfig(`${acceptance.emulator.providerBlock()}
resource "kestra_api_token" "bot" {
  service_account_id = "${token.service_account_id}"
  name               = "deploy"
  description        = "deploys"
  max_age            = "P1D"
}
`);
  const result = await imported.expect(['import', '-no-color', 'kestra_api_token.bot', token.id as string]);
  expect(result.stdout + result.stderr).toContain('The token secret cannot be imported');
  const values = (await imported.state())['kestra_api_token.bot']!;
  const { token: secret, max_age: maxAge, last_used: _l, ...rest } = values;
  const { token: _s, max_age: _m, last_used: _l2, ...expected } = (await ws.state())['kestra_api_token.bot']!;
  expect(secret).toBeNull();
  expect(maxAge).toBe('P1D');
  expect(rest).toEqual(expected);
  await imported.expectEmptyPlans();

  // Revoked outside Terraform: the refresh drops it and the plan issues a new one.
  expect((await acceptance.emulator.api.delete(`/api/v1/main/service-accounts/${token.service_account_id}/api-tokens/${token.token_id}`)).status).toBe(200);
  const replan = await ws.planExitCode();
  expect(replan.stdout + replan.stderr).toContain('API token no longer exists');
  expect(replan.stdout).toContain('1 to add, 0 to change, 0 to destroy');
  await ws.apply();
  const reissued = (await ws.state())['kestra_api_token.bot']!;
  expect(await meStatus(reissued.token as string)).toBe(200);

  await ws.destroy();
  expect(await meStatus(reissued.token as string)).toBe(401);
});

test('expiry: the refreshed state shows expired = true, and rotate_before replaces the token', async () => {
  const ws = acceptance.workspace();
  ws.writeConfig(saToken('  max_age = "P1D"\n  rotate_before = "PT1H"', 'expiring-bot'));
  await ws.apply();
  const first = (await ws.state())['kestra_api_token.bot']!;
  await ws.expectEmptyPlans();

  await acceptance.emulator.api.post('/__emulator/clock', { advance: 'P1DT1M' });
  expect(await meStatus(first.token as string)).toBe(401);

  await ws.expect(['apply', '-refresh-only', '-auto-approve', '-no-color']);
  expect((await ws.state())['kestra_api_token.bot']!.expired).toBe(true);

  const plan = await ws.planExitCode();
  expect(plan.code).toBe(2);
  expect(plan.stdout).toContain('# forces replacement');
  expect(plan.stdout + plan.stderr).toContain('API token due for rotation');
  await ws.apply();
  const second = (await ws.state())['kestra_api_token.bot']!;
  expect(second.token_id).not.toBe(first.token_id);
  expect(second.expired).toBe(false);
  expect(await meStatus(second.token as string)).toBe(200);
  await ws.expectEmptyPlans();
  await ws.destroy();
});

test('user token: issued for a user, authenticates as the user, revoked on destroy', async () => {
  const user = await acceptance.emulator.api.post('/api/v1/users', { email: 'jane@example.com', password: 'Jane-Passw0rd!' });
  expect(user.status).toBe(201);
  const ws = acceptance.workspace();
  ws.writeConfig(`${acceptance.emulator.providerBlock()}
resource "kestra_api_token" "jane" {
  user_id  = "${user.body.id}"
  name     = "laptop"
  max_age  = "PT12H"
  extended = true
}
`);
  await ws.apply();
  const token = (await ws.state())['kestra_api_token.jane']!;
  expect(token.id).toBe(`user/${user.body.id}/${token.token_id}`);
  const me = await acceptance.emulator.api.get('/api/v1/me', { auth: { bearer: token.token as string } });
  expect(me.status).toBe(200);
  // The server takes the bearer for jane, and for nobody more privileged.
  expect(me.body).toMatchObject({ id: user.body.id, superAdmin: false, profile: { email: 'jane@example.com' } });
  await ws.expectEmptyPlans();
  await ws.destroy();
  expect(await meStatus(token.token as string)).toBe(401);
});

test.each([
  ['extended without max_age', '  extended = true', /Missing argument max_age/],
  ['rotate_before without max_age', '  rotate_before = "PT1H"', /Missing argument max_age/],
  ['rotate_before not shorter than max_age', '  max_age = "PT1H"\n  rotate_before = "PT2H"', /rotate_before is not shorter than max_age/],
  ['a calendar period as max_age', '  max_age = "P1M"', /Invalid value for max_age/],
  ['an empty description', '  max_age = "P1D"\n  description = ""', /description must not be an empty string/],
])('%s fails at validate, naming the attribute', async (_name, args, message) => {
  const ws = acceptance.workspace();
  ws.writeConfig(saToken(args));
  const result = await ws.run(['validate', '-no-color']);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(message);
});
