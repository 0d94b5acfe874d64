import { compareUtf8 } from '../../common/compare-text.js';
import { useAcceptance } from '../support/acceptance.js';

const acceptance = useAcceptance();

const config = (body: string) => `${acceptance.emulator.providerBlock()}\n${body}`;

const outputs = async (ws: { expect(args: string[]): Promise<{ stdout: string }> }) =>
  Object.fromEntries(
    Object.entries(JSON.parse((await ws.expect(['output', '-json', '-no-color'])).stdout) as Record<string, { value: unknown }>).map(([k, v]) => [k, v.value]),
  );

const SETUP = `
resource "kestra_service_account" "bot" {
  name = "search-bot"
}
resource "kestra_role" "reader" {
  name        = "search-reader"
  permissions = { FLOW = ["READ"] }
}
resource "kestra_role" "writer" {
  name        = "search-writer"
  permissions = { FLOW = ["READ", "UPDATE"] }
}
resource "kestra_role_binding" "bot_reads_sales" {
  role_id            = kestra_role.reader.id
  service_account_id = kestra_service_account.bot.id
  namespace          = "company.sales"
}
resource "kestra_role_binding" "bot_writes" {
  role_id            = kestra_role.writer.id
  service_account_id = kestra_service_account.bot.id
}
resource "kestra_role_binding" "group_reads_sales" {
  role_id   = kestra_role.reader.id
  group_id  = "GROUP_ID"
  namespace = "company.sales"
}
resource "kestra_role_binding" "user_reads_sales_child" {
  role_id   = kestra_role.reader.id
  user_id   = "USER_ID"
  namespace = "company.sales.emea"
}
`;

test('kestra_role_binding and kestra_role_bindings: by id, and searched by role, service account, user, group and namespace', async () => {
  const api = acceptance.emulator.api;
  const group = (await api.post('/api/v1/main/groups', { name: 'sales-analysts' })).body.id as string;
  const user = (await api.post('/api/v1/users', { email: 'analyst@example.com', tenants: ['main'] })).body.id as string;
  const ws = acceptance.workspace();
  const setup = SETUP.replace('GROUP_ID', group).replace('USER_ID', user);
  const deps = 'depends_on = [kestra_role_binding.bot_reads_sales, kestra_role_binding.bot_writes, kestra_role_binding.group_reads_sales, kestra_role_binding.user_reads_sales_child]';
  const search = (name: string, args: string) => `data "kestra_role_bindings" "${name}" {\n${args}\n  ${deps}\n}\noutput "${name}" {\n  value = [for b in data.kestra_role_bindings.${name}.bindings : b.id]\n}\n`;
  ws.writeConfig(
    config(
      setup +
        `data "kestra_role_binding" "one" {\n  id = kestra_role_binding.bot_reads_sales.id\n}\noutput "one" {\n  value = data.kestra_role_binding.one\n}\n` +
        search('of_bot', '  service_account_id = kestra_service_account.bot.id') +
        search('of_reader_in_sales', '  role_id = kestra_role.reader.id\n  namespace = "company.sales"') +
        search('of_group', `  group_id = "${group}"`) +
        search('of_user', `  user_id = "${user}"`) +
        search('of_writer', '  role_id = kestra_role.writer.id') +
        search('everything', ''),
    ),
  );
  await ws.apply();
  const state = await ws.state();
  const id = (address: string) => state[`kestra_role_binding.${address}`]!.id as string;
  const sorted = (...ids: string[]) => ids.sort(compareUtf8);
  const out = await outputs(ws);
  expect(out.one).toMatchObject({
    id: id('bot_reads_sales'),
    role_id: state['kestra_role.reader']!.id,
    role_name: 'search-reader',
    service_account_id: state['kestra_service_account.bot']!.id,
    user_id: null,
    group_id: null,
    namespace: 'company.sales',
    tenant_id: 'main',
  });
  expect(out.of_bot).toEqual(sorted(id('bot_reads_sales'), id('bot_writes')));
  // Exactly the namespace: the binding in company.sales.emea is not in company.sales.
  expect(out.of_reader_in_sales).toEqual(sorted(id('bot_reads_sales'), id('group_reads_sales')));
  expect(out.of_group).toEqual([id('group_reads_sales')]);
  expect(out.of_user).toEqual([id('user_reads_sales_child')]);
  expect(out.of_writer).toEqual([id('bot_writes')]);
  expect(out.everything).toEqual(expect.arrayContaining([id('bot_reads_sales'), id('bot_writes'), id('group_reads_sales'), id('user_reads_sales_child')]));
  await ws.expectEmptyPlans();

  // A binding made outside Terraform shows in the search at the next refresh.
  const extra = await api.post('/api/v1/main/bindings', { type: 'GROUP', externalId: group, roleId: state['kestra_role.writer']!.id });
  expect(extra.status).toBe(200);
  await ws.apply(['-refresh-only']);
  expect((await outputs(ws)).of_group).toEqual(sorted(id('group_reads_sales'), extra.body.id as string));
  expect((await api.delete(`/api/v1/main/bindings/${extra.body.id}`)).status).toBe(204);
  await ws.destroy();
});

test('kestra_role_bindings refuses two holders at validate; kestra_role_binding of an unknown id fails naming it', async () => {
  const ws = acceptance.workspace();
  ws.writeConfig(config('data "kestra_role_bindings" "x" {\n  user_id  = "u1"\n  group_id = "g1"\n}\n'));
  const both = await ws.run(['validate', '-no-color']);
  expect(both.code).toBe(1);
  expect(both.stderr).toMatch(/Conflicting arguments[\s\S]*one holder/);

  ws.writeConfig(config('data "kestra_role_binding" "x" {\n  id = "no-such-binding"\n}\n'));
  const missing = await ws.run(['plan', '-no-color']);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toMatch(/no-such-binding|not found/i);
});
