/**
 * Every example the documentation shows works as written: it applies against a fresh emulator, the next plan
 * is empty, its resources import with the ids import.sh documents, its API tokens authenticate, and destroy
 * leaves no service account, custom role, binding or working token behind.
 */
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useAcceptance } from '../support/acceptance.js';
import { REPO_ROOT } from '../support/paths.js';
import { TerraformWorkspace } from '../support/terraform.js';

const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
const subdirs = (dir: string) => readdirSync(join(EXAMPLES_DIR, dir)).map((name) => `${dir}/${name}`);
const EXAMPLES = ['provider', ...subdirs('resources'), ...subdirs('data-sources')];

const acceptance = useAcceptance({ credentialsFromEnvironment: true });

test.each(EXAMPLES)('examples/%s applies, plans empty, imports as documented and leaves nothing behind', async (example) => {
  // A failed example leaves nothing the next example's checks would blame on itself: the workspace destroys what
  // its state still holds after the test.
  const ws = acceptance.workspace();
  cpSync(join(EXAMPLES_DIR, example), ws.dir, { recursive: true });
  await ws.apply();
  await ws.expectEmptyPlans();
  expect(await emptyOutputs(ws)).toEqual([]);

  const tokens = apiTokenSecrets(await ws.state());
  for (const token of tokens) expect(await meStatus(token)).toBe(200);

  const importScript = join(ws.dir, 'import.sh');
  if (existsSync(importScript)) await importAsDocumented(ws, readFileSync(importScript, 'utf8'));

  await ws.destroy();
  expect(await customObjects()).toEqual({ serviceAccounts: [], roles: [], bindings: [] });
  for (const token of tokens) expect(await meStatus(token)).toBe(401);
});

/**
 * Runs each `terraform import <address> <id>` line of import.sh on the applied example, filling `<attribute>`
 * placeholders from the state; a form whose placeholder is null there (a user token's `<user_id>` when the
 * example's token belongs to a service account) does not apply and is skipped.
 */
async function importAsDocumented(ws: TerraformWorkspace, script: string): Promise<void> {
  const commands = [...script.matchAll(/^terraform import (\S+) (\S+)$/gm)];
  expect(commands.length).toBeGreaterThan(0);
  for (const [, address, idTemplate] of commands) {
    const values = (await ws.state())[address!];
    if (!values) throw new Error(`import.sh imports ${address}, which the example does not create`);
    const placeholders = [...idTemplate!.matchAll(/<(\w+)>/g)].map(([, attribute]) => attribute!);
    for (const attribute of placeholders) expect(values).toHaveProperty([attribute]);
    if (placeholders.some((attribute) => values[attribute] === null)) continue;
    const id = idTemplate!.replace(/<(\w+)>/g, (_, attribute: string) => String(values[attribute]));

    await ws.expect(['state', 'rm', '-no-color', address!]);
    const imported = await ws.expect(['import', '-no-color', address!, id]);
    if (address!.startsWith('kestra_api_token.')) {
      // The secret is gone for good, so the configuration now plans a new token; the import says so.
      expect(imported.stdout + imported.stderr).toContain('The token secret cannot be imported');
    } else {
      await ws.expectEmptyPlans();
    }
  }
}

/** Names of outputs that came out null or empty: an example that shows nothing shows it wrongly. */
async function emptyOutputs(ws: TerraformWorkspace): Promise<string[]> {
  const outputs = JSON.parse((await ws.expect(['output', '-json', '-no-color'])).stdout) as Record<string, { value: unknown }>;
  const isEmpty = (value: unknown) => value === null || value === '' || (typeof value === 'object' && Object.keys(value).length === 0);
  return Object.entries(outputs)
    .filter(([, output]) => isEmpty(output.value))
    .map(([name]) => name);
}

function apiTokenSecrets(state: Record<string, Record<string, unknown>>): string[] {
  return Object.entries(state)
    .filter(([address]) => address.startsWith('kestra_api_token.'))
    .map(([, values]) => values.token as string);
}

async function meStatus(token: string): Promise<number> {
  return (await acceptance.emulator.api.get('/api/v1/me', { auth: { bearer: token } })).status;
}

/** What examples create in the default tenant: service accounts, roles other than the managed ones, bindings. */
async function customObjects(): Promise<{ serviceAccounts: string[]; roles: string[]; bindings: string[] }> {
  const results = async <T>(path: string) => (await acceptance.emulator.api.get<{ results: T[] }>(`/api/v1/main/${path}`)).body.results;
  return {
    serviceAccounts: (await results<{ username: string }>('service-accounts?size=100')).map((a) => a.username),
    roles: (await results<{ name: string; isManaged: boolean }>('roles/search?size=100')).filter((r) => !r.isManaged).map((r) => r.name),
    bindings: (await results<{ id: string }>('bindings/search?size=100')).map((b) => b.id),
  };
}
