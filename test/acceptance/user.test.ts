import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useAcceptance } from '../support/acceptance.js';
import { verifyImport } from '../support/import-verify.js';

const acceptance = useAcceptance();

const FIRST_PASSWORD = 'first-Secret-8431';
const SECOND_PASSWORD = 'second-Secret-2207';

const config = (body: string) => `${acceptance.emulator.providerBlock()}\n${body}`;

/** The password comes from a file, as a user would keep it out of the configuration; only its reference is in the plan. */
const user = (attrs: string) => config(`resource "kestra_user" "ada" {\n${attrs}\n}\n`);
const PASSWORD_FROM_FILE = 'trimspace(file("${path.module}/password.txt"))';

const meStatus = async (email: string, password: string) => (await acceptance.emulator.api.get('/api/v1/me', { auth: { basic: [email, password] } })).status;

test('kestra_user: the write-only password is sent at create and on a version bump, and is nowhere in plan or state', async () => {
  const api = acceptance.emulator.api;
  const ws = acceptance.workspace();
  const attrs = (version: number, names = '  first_name = "Ada"\n  last_name = "Lovelace"') =>
    `  email = "ada@example.com"\n${names}\n  password_wo = ${PASSWORD_FROM_FILE}\n  password_wo_version = ${version}`;
  ws.writeConfig(FIRST_PASSWORD, 'password.txt');
  ws.writeConfig(user(attrs(1)));
  await ws.expect(['plan', '-no-color', '-out=create.tfplan']);
  const planJson = (await ws.expect(['show', '-json', '-no-color', 'create.tfplan'])).stdout;
  expect(planJson).not.toContain(FIRST_PASSWORD);
  await ws.expect(['apply', '-no-color', 'create.tfplan']);
  const created = (await ws.state())['kestra_user.ada']!;
  expect(created).toMatchObject({ email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace', super_admin: false, groups: [], password_wo: null, password_wo_version: 1 });
  const id = created.id as string;
  expect(readFileSync(join(ws.dir, 'terraform.tfstate'), 'utf8')).not.toContain(FIRST_PASSWORD);
  expect(await meStatus('ada@example.com', FIRST_PASSWORD)).toBe(200);
  await ws.expectEmptyPlans();

  // A new password alone changes nothing: Terraform cannot see it. Bumping the version sends it.
  ws.writeConfig(SECOND_PASSWORD, 'password.txt');
  await ws.expectEmptyPlans();
  ws.writeConfig(user(attrs(2)));
  await ws.expect(['plan', '-no-color', '-out=rotate.tfplan']);
  const rotateJson = (await ws.expect(['show', '-json', '-no-color', 'rotate.tfplan'])).stdout;
  expect(rotateJson).not.toContain(SECOND_PASSWORD);
  expect(rotateJson).not.toContain(FIRST_PASSWORD);
  await ws.expect(['apply', '-no-color', 'rotate.tfplan']);
  expect(await meStatus('ada@example.com', SECOND_PASSWORD)).toBe(200);
  expect(await meStatus('ada@example.com', FIRST_PASSWORD)).toBe(401);
  const stateText = readFileSync(join(ws.dir, 'terraform.tfstate'), 'utf8');
  expect(stateText).not.toContain(SECOND_PASSWORD);
  expect(stateText).not.toContain(FIRST_PASSWORD);
  expect((await ws.state())['kestra_user.ada']!.id).toBe(id);
  await ws.expectEmptyPlans();

  // Names change in place (a removed name is cleared), the password stays.
  ws.writeConfig(user(attrs(2, '  first_name = "Augusta"')));
  await ws.apply();
  const onServer = (await api.get(`/api/v1/users/${id}`)).body;
  expect(onServer).toMatchObject({ email: 'ada@example.com', firstName: 'Augusta' });
  expect(onServer.lastName ?? '').toBe('');
  expect(await meStatus('ada@example.com', SECOND_PASSWORD)).toBe(200);
  await ws.expectEmptyPlans();

  // Import: everything but the password, which Terraform alone keeps.
  const { values: imported } = await verifyImport(ws, 'kestra_user.ada', { providerConfig: acceptance.emulator.providerBlock(), ignore: ['password_wo_version'] });
  expect({ ...imported, password_wo_version: 2 }).toEqual((await ws.state())['kestra_user.ada']);
  expect(imported.password_wo_version).toBeNull();

  await ws.destroy();
  expect((await api.get(`/api/v1/users/${id}`)).status).toBe(404);
  expect(await meStatus('ada@example.com', SECOND_PASSWORD)).toBe(401);
});

test('kestra_user: superadmin and authoritative groups reach the server; changes made outside Terraform are repaired', async () => {
  const api = acceptance.emulator.api;
  const ops = (await api.post('/api/v1/main/groups', { name: 'user-ops' })).body.id as string;
  const devs = (await api.post('/api/v1/main/groups', { name: 'user-devs' })).body.id as string;
  const ws = acceptance.workspace();
  const body = (attrs: string) => config(`resource "kestra_user" "grace" {\n  email = "grace@example.com"\n${attrs}\n}\n`);
  ws.writeConfig(body(`  first_name = "Grace"\n  super_admin = true\n  groups = ["${ops}", "${devs}"]`));
  await ws.apply();
  const id = (await ws.state())['kestra_user.grace']!.id as string;
  const server = async () => (await api.get(`/api/v1/users/${id}`)).body as { superAdmin: boolean; firstName?: string; groups: { id: string }[] };
  expect((await server()).superAdmin).toBe(true);
  expect((await server()).groups.map((g) => g.id).sort()).toEqual([ops, devs].sort());
  await ws.expectEmptyPlans();

  ws.writeConfig(body(`  first_name = "Grace"\n  groups = ["${ops}"]`));
  await ws.apply();
  expect((await server()).superAdmin).toBe(false);
  expect((await server()).groups.map((g) => g.id)).toEqual([ops]);

  // Out of band: a name, the superadmin flag and a membership.
  expect((await api.put(`/api/v1/users/${id}`, { email: 'grace@example.com', firstName: 'Hopper', groups: [ops, devs] })).status).toBe(200);
  expect((await api.patch(`/api/v1/users/${id}/superadmin`, { superAdmin: true })).status).toBe(200);
  const drift = await ws.planExitCode();
  expect(drift.code).toBe(2);
  expect(drift.stdout).toMatch(/~ first_name\s+= "Hopper" -> "Grace"/);
  expect(drift.stdout).toMatch(/~ super_admin\s+= true -> false/);
  await ws.apply();
  expect(await server()).toMatchObject({ firstName: 'Grace', superAdmin: false, groups: [{ id: ops }] });
  await ws.expectEmptyPlans();

  // Deleted outside Terraform: created again.
  expect((await api.delete(`/api/v1/users/${id}`)).status).toBe(204);
  expect((await ws.planExitCode()).stdout).toContain('1 to add, 0 to change, 0 to destroy');
  await ws.apply();
  const again = (await ws.state())['kestra_user.grace']!.id as string;
  expect(again).not.toBe(id);
  await ws.destroy();
  expect((await api.get(`/api/v1/users/${again}`)).status).toBe(404);
});

test('kestra_user: bad input fails at validate naming the attribute; a taken email is refused, never adopted', async () => {
  const api = acceptance.emulator.api;
  const ws = acceptance.workspace();
  ws.writeConfig(user('  email = "not-an-email"'));
  const badEmail = await ws.run(['validate', '-no-color']);
  expect(badEmail.code).toBe(1);
  expect(badEmail.stderr).toMatch(/Invalid value for email[\s\S]*an email address/);

  ws.writeConfig(FIRST_PASSWORD, 'password.txt');
  ws.writeConfig(user(`  email = "x@example.com"\n  password_wo = ${PASSWORD_FROM_FILE}`));
  const noVersion = await ws.run(['plan', '-no-color']);
  expect(noVersion.code).toBe(1);
  expect(noVersion.stderr).toMatch(/Missing argument password_wo_version/);

  ws.writeConfig(user('  email = "x@example.com"\n  password_wo_version = 1'));
  const noPassword = await ws.run(['validate', '-no-color']);
  expect(noPassword.code).toBe(1);
  expect(noPassword.stderr).toMatch(/Missing argument password_wo/);

  // The server's password policy speaks through the provider.
  ws.writeConfig('short', 'password.txt');
  ws.writeConfig(user(`  email = "short@example.com"\n  password_wo = ${PASSWORD_FROM_FILE}\n  password_wo_version = 1`));
  const weak = await ws.run(['apply', '-auto-approve', '-no-color']);
  expect(weak.code).toBe(1);
  expect(weak.stderr).toMatch(/at least 8 characters/);
  expect(await ws.state()).toEqual({});

  const stranger = (await api.post('/api/v1/users', { email: 'Taken@Example.com' })).body.id as string;
  ws.writeConfig(user('  email = "taken@example.com"'));
  const taken = await ws.run(['apply', '-auto-approve', '-no-color']);
  expect(taken.code).toBe(1);
  expect(taken.stderr).toMatch(/user "taken@example.com" already exists[\s\S]*import it/);
  expect(await ws.state()).toEqual({});
  expect((await api.get(`/api/v1/users/${stranger}`)).status).toBe(200);
});
