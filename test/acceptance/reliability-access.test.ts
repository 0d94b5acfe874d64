/**
 * The creates of issue 12's access types under the emulator's fault model: a tenant whose create answer is lost
 * or has no id, a tenant access whose answer is cut off, a token of the caller whose answer is a 502 after the
 * server made it. Each ends with exactly the declared objects on the server, one apply, and every secret in state
 * working.
 */
import { useAcceptance } from '../support/acceptance.js';
import { defer } from '../support/cleanup.js';

const acceptance = useAcceptance();
const api = () => acceptance.emulator.api;

async function fault(rule: Record<string, unknown>): Promise<void> {
  expect((await api().post('/__emulator/faults', rule)).status).toBe(201);
}

beforeEach(() => defer(() => api().delete('/__emulator/faults')));

test('lost or damaged answers after the server acted: one tenant, one access, one working token of the caller, in one apply', async () => {
  await fault({ method: 'POST', path: '^/api/v1/tenants$', phase: 'after', status: 500 });
  await fault({ method: 'PUT', path: '/tenant-access/', phase: 'after', body: 'interrupted' });
  await fault({ method: 'POST', path: '^/api/v1/me/api-tokens$', phase: 'after', status: 502 });
  const ws = acceptance.workspace();
  ws.writeConfig(`${acceptance.emulator.providerBlock()}
resource "kestra_tenant" "t" {
  id   = "faulty"
  name = "Faulty"
}
resource "kestra_service_account" "s" {
  name = "faulty-bot"
}
resource "kestra_tenant_access" "a" {
  tenant_id          = kestra_tenant.t.id
  service_account_id = kestra_service_account.s.id
}
resource "kestra_api_token" "mine" {
  owner = "me"
  name  = "faulty-mine"
}
`);
  await ws.apply();
  expect((await api().get('/__emulator/faults')).body).toEqual({ faults: [] }); // every fault struck
  await ws.expectEmptyPlans();
  const state = await ws.state();
  const tenants = (await api().get('/api/v1/tenants/search?size=100')).body.results as { id: string }[];
  expect(tenants.filter((t) => t.id === 'faulty')).toHaveLength(1);
  expect((await api().get(`/api/v1/faulty/tenant-access/${state['kestra_service_account.s']!.id}`)).status).toBe(200);
  // The token whose answer was lost is useless (its secret went with the answer): deleted and made again.
  const mine = (await api().get('/api/v1/me/api-tokens')).body.results as { id: string; name: string }[];
  expect(mine.filter((t) => t.name === 'faulty-mine').map((t) => t.id)).toEqual([state['kestra_api_token.mine']!.token_id]);
  expect((await api().get('/api/v1/me', { auth: { bearer: state['kestra_api_token.mine']!.token as string } })).status).toBe(200);
  await ws.destroy();
});

test('a tenant create answered 200 without an id is looked up, never recorded with id = null', async () => {
  await fault({ method: 'POST', path: '^/api/v1/tenants$', phase: 'after', body: 'without-id' });
  const ws = acceptance.workspace();
  ws.writeConfig(`${acceptance.emulator.providerBlock()}\nresource "kestra_tenant" "t" {\n  id   = "idless"\n  name = "Idless"\n}\n`);
  await ws.apply();
  await ws.expectEmptyPlans();
  expect((await ws.state())['kestra_tenant.t']).toMatchObject({ id: 'idless', name: 'Idless' });
  await ws.destroy();
  expect((await api().get('/api/v1/tenants/idless')).status).toBe(404);
});
