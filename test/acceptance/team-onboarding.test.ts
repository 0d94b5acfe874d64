/**
 * examples/team-onboarding: the platform team's configuration, then an engineer's own, and the tokens they mint
 * checked against the server for exactly what each identity was granted (200) and nothing else (403).
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { useAcceptance } from '../support/acceptance.js';
import { REPO_ROOT } from '../support/paths.js';

const acceptance = useAcceptance({ credentialsFromEnvironment: true });
const EXAMPLE = join(REPO_ROOT, 'examples', 'team-onboarding');
const INITIAL_PASSWORD = 'Welcome-2026!';

/** One call the test makes with a minted token, and the status it must get. */
type Check = readonly [what: string, path: string, status: number];

const PIPELINE: readonly Check[] = [
  ['its group\'s role: flows in company.data', '/api/v1/data-team/flows/search?namespace=company.data', 200],
  ['its group\'s role, below company.data', '/api/v1/data-team/flows/search?namespace=company.data.ingest', 200],
  ['its own binding: executions in company.data', '/api/v1/data-team/executions/search?namespace=company.data', 200],
  ['flows of another namespace', '/api/v1/data-team/flows/search?namespace=company.sales', 403],
  ['executions of another namespace', '/api/v1/data-team/executions/search?namespace=company.sales', 403],
  ['IAM of its tenant', '/api/v1/data-team/roles/search', 403],
  ['another tenant', '/api/v1/main/flows/search?namespace=company.data', 403],
  ['instance administration', '/api/v1/tenants/search', 403],
];

const ENGINEER: readonly Check[] = [
  ['the group\'s role: flows in company.data', '/api/v1/data-team/flows/search?namespace=company.data', 200],
  ['executions (the pipeline\'s binding, not the group\'s)', '/api/v1/data-team/executions/search?namespace=company.data', 403],
  ['flows of another namespace', '/api/v1/data-team/flows/search?namespace=company.sales', 403],
  ['IAM of its tenant', '/api/v1/data-team/groups/search', 403],
  ['another tenant', '/api/v1/main/flows/search?namespace=company.data', 403],
  ['instance administration', '/api/v1/users', 403],
];

async function statuses(token: string, checks: readonly Check[]): Promise<[string, number][]> {
  const asToken = acceptance.emulator.api.as({ bearer: token });
  const seen: [string, number][] = [];
  for (const [what, path] of checks) seen.push([what, (await asToken.get(path)).status]);
  return seen;
}

test('examples/team-onboarding: each minted token can do exactly what its identity was granted', async () => {
  const api = acceptance.emulator.api;
  // The team lead has an account already; the configuration finds it by email.
  expect((await api.post('/api/v1/users', { email: 'lead@example.com', password: 'Lead-Passw0rd!' })).status).toBe(201);

  const platform = acceptance.workspace({ env: { TF_VAR_initial_password: INITIAL_PASSWORD } });
  cpSync(EXAMPLE, platform.dir, { recursive: true, filter: (source) => !source.includes('developer') });
  await platform.apply();
  await platform.expectEmptyPlans();
  const state = await platform.state();
  const pipelineToken = state['kestra_api_token.pipeline']!.token as string;

  // Dana signs in with her own password and makes a token for herself.
  const developer = acceptance.workspace({ env: { TF_VAR_email: 'dana@example.com', TF_VAR_password: INITIAL_PASSWORD } });
  cpSync(join(EXAMPLE, 'developer'), developer.dir, { recursive: true });
  await developer.apply();
  await developer.expectEmptyPlans();
  const danaToken = (await developer.state())['kestra_api_token.laptop']!.token as string;
  const dana = (await api.get('/api/v1/me', { auth: { bearer: danaToken } })).body;
  expect(dana).toMatchObject({ id: state['kestra_user.engineer["dana@example.com"]']!.id, superAdmin: false });

  expect(await statuses(pipelineToken, PIPELINE)).toEqual(PIPELINE.map(([what, , status]) => [what, status]));
  expect(await statuses(danaToken, ENGINEER)).toEqual(ENGINEER.map(([what, , status]) => [what, status]));

  // Both accounts are in the group; the lead owns it.
  const group = state['kestra_group.engineers']!.id as string;
  const members = (await api.get(`/api/v1/data-team/groups/${group}/members?size=100`)).body.results as { id: string }[];
  const lead = state['data.kestra_user.lead']!.id as string;
  expect(members.map((m) => m.id).sort()).toEqual(
    [lead, state['kestra_service_account.pipeline']!.id, ...['dana@example.com', 'eli@example.com'].map((e) => state[`kestra_user.engineer["${e}"]`]!.id)].sort(),
  );

  await developer.destroy();
  expect((await api.get('/api/v1/me', { auth: { bearer: danaToken } })).status).toBe(401);
  await platform.destroy();
  expect((await api.get('/api/v1/me', { auth: { bearer: pipelineToken } })).status).toBe(401);
  expect((await api.get('/api/v1/tenants/data-team')).status).toBe(404);
  // The lead's account was only looked up: it stays.
  expect((await api.get(`/api/v1/users/${lead}`)).status).toBe(200);
});
