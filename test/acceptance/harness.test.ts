/**
 * The acceptance harness keeps its promises: what a test leaves in a workspace's state is destroyed after it,
 * an import-verify directory never destroys the objects it imported, and import-verify says what differs.
 * The tests of each pair run in order: the first leaves something behind, the second looks at what remains.
 */
import { existsSync } from 'node:fs';
import { useAcceptance } from '../support/acceptance.js';
import { defer } from '../support/cleanup.js';
import { verifyImport } from '../support/import-verify.js';

const acceptance = useAcceptance();

const account = (name: string, description: string) => `${acceptance.emulator.providerBlock()}
resource "kestra_service_account" "bot" {
  name        = "${name}"
  description = "${description}"
}
`;

const accountStatus = async (id: string) => (await acceptance.emulator.api.get(`/api/v1/main/service-accounts/${id}`)).status;

let left: { dir: string; id: string } | undefined;

test('a test that ends with objects in its workspace state (as one failing half-way does)…', async () => {
  const ws = acceptance.workspace();
  ws.writeConfig(account('left-behind', 'not destroyed by the test'));
  await ws.apply();
  left = { dir: ws.dir, id: (await ws.state())['kestra_service_account.bot']!.id as string };
  expect(await accountStatus(left.id)).toBe(200);
});

test('…leaves nothing: the workspace destroyed them and removed its directory', async () => {
  expect(left).toBeDefined();
  expect(await accountStatus(left!.id)).toBe(404);
  expect(existsSync(left!.dir)).toBe(false);
});

let imported: string | undefined;

test('an import-verify directory holds the object in its state too…', async () => {
  const ws = acceptance.workspace();
  ws.writeConfig(account('adopted', 'imported elsewhere'));
  await ws.apply();
  const { values } = await verifyImport(ws, 'kestra_service_account.bot', { providerConfig: acceptance.emulator.providerBlock() });
  imported = values.id as string;
  // Only the import directory still knows the object now.
  await ws.expect(['state', 'rm', '-no-color', 'kestra_service_account.bot']);
});

test('…but leaves it to its owner: the object survives the clean-up', async () => {
  expect(imported).toBeDefined();
  expect(await accountStatus(imported!)).toBe(200);
  expect((await acceptance.emulator.api.delete(`/api/v1/main/service-accounts/${imported}`)).status).toBe(200);
});

test('import-verify names each attribute in which the imported object differs from the source', async () => {
  const ws = acceptance.workspace();
  ws.writeConfig(account('source-bot', 'the one applied'));
  await ws.apply();
  const other = await acceptance.emulator.api.post('/api/v1/main/service-accounts', { name: 'other-bot', description: 'made by hand' });
  expect(other.status).toBe(200);
  defer(() => acceptance.emulator.api.delete(`/api/v1/main/service-accounts/${other.body.id}`));

  await expect(
    verifyImport(ws, 'kestra_service_account.bot', { providerConfig: acceptance.emulator.providerBlock(), id: other.body.id }),
  ).rejects.toThrow(
    /the imported state of kestra_service_account.bot differs from the source's \(source → imported\):\n {2}description: "the one applied" → "made by hand"\n {2}id: "[^"]+" → "[^"]+"\n {2}name: "source-bot" → "other-bot"$/,
  );
});
