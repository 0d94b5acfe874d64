/**
 * The plan-stability sweep. Every example of examples/ (the provider's, each resource's, each data source's and
 * the quickstart) goes through the standard steps against a fresh emulator: apply; an empty plan without and
 * with refresh; every resource it made imported into a fresh directory with `import {}` and
 * `-generate-config-out`, the generated file validating and planning no change; every attribute a resource
 * updates in place changed outside Terraform, the plan showing each change and the apply repairing it; the
 * forms of import.sh; destroy, leaving nothing on the server.
 *
 * Nothing is listed by hand that the provider can tell: the examples come from examples/, the attributes to
 * drift from each resource's schema. A resource attribute updated in place that has no way to drift below
 * fails the sweep until it gets one, and so does a resource or data source that no example uses.
 */
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../../provider/bridge/logging.js';
import { AttributePath, type Attribute } from '../../provider/framework/index.js';
import { kestraProvider } from '../../provider/kestra-provider.js';
import { useAcceptance } from '../support/acceptance.js';
import type { ApiClient } from '../support/api-client.js';
import { verifyImports, type PlannedChange } from '../support/import-verify.js';
import { REPO_ROOT } from '../support/paths.js';
import type { TerraformWorkspace } from '../support/terraform.js';

const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
const subdirs = (dir: string) => readdirSync(join(EXAMPLES_DIR, dir)).map((name) => `${dir}/${name}`);
// The ephemeral example acts as a service account set up beforehand, through a second provider block: the
// ephemeral-token test runs it with providers terraform launches itself.
const EXAMPLES = ['provider', ...subdirs('resources'), ...subdirs('data-sources'), 'quickstart'];

const provider = kestraProvider(createLogger({ level: 'off' }));
const acceptance = useAcceptance({ credentialsFromEnvironment: true });
const IMPORT_PROVIDER = 'terraform {\n  required_providers {\n    kestra = { source = "kestra-iam/kestra" }\n  }\n}\n\nprovider "kestra" {}\n';

type Values = Record<string, unknown>;

/** Changes one attribute of one object on the server and returns the value the attribute then holds, or undefined to leave it. */
type Drifter = (api: ApiClient, values: Values, run: DriftRun) => Promise<unknown>;

/** What the drifts of one example share: the tenants whose default role was already moved (Kestra keeps one). */
interface DriftRun {
  readonly defaultsMoved: Set<string>;
  readonly group: string;
}

/** Per resource type, the values only Terraform keeps: nothing on the server to drift, nothing an import recovers. */
const TERRAFORM_ONLY: Record<string, readonly string[]> = { kestra_api_token: ['keepers', 'rotate_before'], kestra_user: ['password_wo_version'] };

/**
 * Per resource type, the attributes that mean "not managed here" when the configuration leaves them unset: a change
 * made outside Terraform to one of them is read back and kept, never planned away.
 */
const UNMANAGED_WHEN_UNSET: Record<string, readonly string[]> = { kestra_service_account: ['groups'], kestra_user: ['groups'] };

const serviceAccountPath = (v: Values) => `/api/v1/${v.tenant_id}/service-accounts/${v.id}`;
const rolePath = (v: Values) => `/api/v1/${v.tenant_id}/roles/${v.id}`;
const groupPath = (v: Values) => `/api/v1/${v.tenant_id}/groups/${v.id}`;
const userPath = (v: Values) => `/api/v1/users/${v.id}`;

/** A PUT of the user as the server holds it now, with `change` applied (names left out are cleared, groups left out kept). */
async function putUser(api: ApiClient, values: Values, change: Record<string, unknown>): Promise<void> {
  const current = (await api.get(userPath(values))).body;
  const body = { email: current.email, firstName: current.firstName, lastName: current.lastName, ...change };
  expect((await api.put(userPath(values), body)).status).toBe(200);
}

/** A PUT of the service account as the server holds it now, with `change` applied (the tenant PUT replaces the whole account). */
async function putServiceAccount(api: ApiClient, values: Values, change: Record<string, unknown>): Promise<void> {
  const current = (await api.get(serviceAccountPath(values))).body;
  const body = { name: current.name, description: current.description, superAdmin: current.superAdmin, groups: current.groups ?? [], ...change };
  expect((await api.put(serviceAccountPath(values), body)).status).toBe(200);
}

async function putRole(api: ApiClient, values: Values, change: Record<string, unknown>): Promise<void> {
  const current = (await api.get(rolePath(values))).body;
  const body = { name: current.name, description: current.description, permissions: current.permissions, isDefault: current.isDefault, ...change };
  expect((await api.put(rolePath(values), body)).status).toBe(200);
}

/** A PUT of the tenant as the server holds it now, with `change` applied (the PUT replaces every setting). */
async function putTenant(api: ApiClient, values: Values, change: Record<string, unknown>): Promise<void> {
  const path = `/api/v1/tenants/${values.id}`;
  expect((await api.put(path, { ...(await api.get(path)).body, ...change })).status).toBe(200);
}

/** A tenant drifter: the server field it changes, the value sent, and the value the attribute then holds. */
const tenantSetting = (field: string, sent: unknown, held: unknown): Drifter => async (api, v) => {
  await putTenant(api, v, { [field]: sent });
  return held;
};

/** For each resource type, how each attribute it updates in place (and the server holds) is changed outside Terraform. */
const DRIFT: Record<string, Record<string, Drifter>> = {
  kestra_service_account: {
    name: async (api, v) => {
      const name = `${String(v.name).slice(0, 50)}-drifted`;
      await putServiceAccount(api, v, { name });
      return name;
    },
    description: async (api, v) => {
      await putServiceAccount(api, v, { description: 'changed outside Terraform' });
      return 'changed outside Terraform';
    },
    super_admin: async (api, v) => {
      const flipped = v.super_admin !== true;
      expect((await api.patch(`/api/v1/service-accounts/${v.id}/superadmin`, { superAdmin: flipped })).status).toBe(200);
      return flipped;
    },
    // Joins one more group: memberships other resources made (kestra_group_member) stay.
    groups: async (api, v, run) => {
      const current = ((await api.get(serviceAccountPath(v))).body.groups ?? []) as { id: string }[];
      const groups = [...current.map((g) => g.id), run.group];
      await putServiceAccount(api, v, { groups: groups.map((id) => ({ id })) });
      return groups;
    },
  },
  kestra_role: {
    name: async (api, v) => {
      await putRole(api, v, { name: `${v.name} (drifted)` });
      return `${v.name} (drifted)`;
    },
    description: async (api, v) => {
      await putRole(api, v, { description: 'changed outside Terraform' });
      return 'changed outside Terraform';
    },
    permissions: async (api, v) => {
      await putRole(api, v, { permissions: { AUDITLOG: ['READ'] } });
      return { AUDITLOG: ['READ'] };
    },
    is_default: async (api, v, run) => {
      // One default role per tenant: moving it to a second role would undo the first drift.
      if (run.defaultsMoved.has(String(v.tenant_id))) return undefined;
      run.defaultsMoved.add(String(v.tenant_id));
      await putRole(api, v, { isDefault: v.is_default !== true });
      return v.is_default !== true;
    },
  },
  kestra_role_binding: {},
  kestra_api_token: {},
  kestra_user: {
    email: async (api, v) => {
      const email = `drifted-${String(v.email)}`;
      await putUser(api, v, { email });
      return email;
    },
    first_name: async (api, v) => {
      await putUser(api, v, { firstName: 'Drifted' });
      return 'Drifted';
    },
    last_name: async (api, v) => {
      await putUser(api, v, { lastName: 'Outside' });
      return 'Outside';
    },
    super_admin: async (api, v) => {
      const flipped = v.super_admin !== true;
      expect((await api.patch(`${userPath(v)}/superadmin`, { superAdmin: flipped })).status).toBe(200);
      return flipped;
    },
    // Joins one more group: memberships other resources made (kestra_group_member) stay.
    groups: async (api, v, run) => {
      const current = ((await api.get(userPath(v))).body.groups ?? []) as { id: string }[];
      const groups = [...current.map((g) => g.id), run.group];
      await putUser(api, v, { groups });
      return groups;
    },
  },
  kestra_group_member: {
    membership: async (api, v) => {
      const other = v.membership === 'OWNER' ? 'MEMBER' : 'OWNER';
      const path = `${groupPath({ tenant_id: v.tenant_id, id: v.group_id })}/members/membership/${v.member_id}?membership=${other}`;
      expect((await api.put(path)).status).toBe(200);
      return other;
    },
  },
  kestra_group: {
    name: async (api, v) => {
      const name = `${String(v.name)}-drifted`;
      expect((await api.put(groupPath(v), { name, description: v.description ?? undefined })).status).toBe(200);
      return name;
    },
    description: async (api, v) => {
      const current = (await api.get(groupPath(v))).body;
      expect((await api.put(groupPath(v), { name: current.name, description: 'changed outside Terraform' })).status).toBe(200);
      return 'changed outside Terraform';
    },
  },
  kestra_tenant_access: {},
  kestra_tenant: {
    name: tenantSetting('name', 'renamed outside Terraform', 'renamed outside Terraform'),
    worker_group: tenantSetting('workerGroup', { key: 'drifted', fallback: 'FAIL' }, { key: 'drifted', fallback: 'FAIL' }),
    storage_isolation: tenantSetting('storageIsolation', { enabled: false, deniedServices: ['INDEXER'] }, { enabled: false, denied_services: ['INDEXER'] }),
    secret_isolation: tenantSetting('secretIsolation', { enabled: true, deniedServices: ['WORKER'] }, { enabled: true, denied_services: ['WORKER'] }),
    storage_type: tenantSetting('storageType', 'drifted', 'drifted'),
    storage_configuration: tenantSetting('storageConfiguration', { s3: { bucket: 'drifted' } }, JSON.stringify({ s3: { bucket: 'drifted' } })),
    secret_type: tenantSetting('secretType', 'drifted', 'drifted'),
    secret_read_only: async (api, v, run) => tenantSetting('secretReadOnly', v.secret_read_only !== true, v.secret_read_only !== true)(api, v, run),
    secret_configuration: tenantSetting('secretConfiguration', { vault: { token: 'drifted' } }, JSON.stringify({ vault: { token: 'drifted' } })),
    require_existing_namespace: async (api, v, run) => tenantSetting('requireExistingNamespace', v.require_existing_namespace !== true, v.require_existing_namespace !== true)(api, v, run),
    outputs_in_internal_storage: async (api, v, run) =>
      tenantSetting('outputsInInternalStorage', v.outputs_in_internal_storage !== true, v.outputs_in_internal_storage !== true)(api, v, run),
  },
};

/** For each resource type, whether the object a state names still exists on the server. */
const EXISTS: Record<string, (api: ApiClient, values: Values) => Promise<boolean>> = {
  kestra_service_account: async (api, v) => (await api.get(serviceAccountPath(v))).status === 200,
  kestra_role: async (api, v) => (await api.get(rolePath(v))).status === 200,
  kestra_role_binding: async (api, v) => (await api.get(`/api/v1/${v.tenant_id}/bindings/${v.id}`)).status === 200,
  kestra_group: async (api, v) => (await api.get(groupPath(v))).status === 200,
  kestra_user: async (api, v) => (await api.get(userPath(v))).status === 200,
  kestra_group_member: async (api, v) => (await api.get(`${groupPath({ tenant_id: v.tenant_id, id: v.group_id })}/members?size=100`)).body.results?.some((m: { id: string }) => m.id === v.member_id) === true,
  kestra_api_token: async (api, v) => {
    const list = await api.get(v.user_id !== null ? `/api/v1/users/${v.user_id}/api-tokens` : `/api/v1/${v.tenant_id}/service-accounts/${v.service_account_id}/api-tokens`);
    return list.status === 200 && (list.body.results as { id: string }[]).some((t) => t.id === v.token_id);
  },
  kestra_tenant: async (api, v) => (await api.get(`/api/v1/tenants/${v.id}`)).status === 200,
  kestra_tenant_access: async (api, v) => (await api.get(`/api/v1/${v.tenant_id}/tenant-access/${v.service_account_id ?? v.user_id}`)).status === 200,
};

const replacesOnChange = (attr: Attribute, name: string): boolean =>
  attr.planModifiers.some((modifier) => {
    const resp = { plan: 'changed' as unknown, requiresReplace: false };
    modifier.modify({ path: AttributePath.root(name), config: 'changed', state: 'stored', creating: false, imported: false }, resp);
    return resp.requiresReplace;
  });

/** The attributes of a resource type that a configuration sets and an update changes in place. */
function inPlaceAttributes(typeName: string): string[] {
  const resource = provider.resources.find((r) => r.typeName === typeName);
  if (!resource) throw new Error(`no resource ${typeName}`);
  return Object.entries(resource.schema.attributes)
    .filter(([name, attr]) => attr.mode !== 'computed' && !attr.writeOnly && !replacesOnChange(attr, name))
    .map(([name]) => name)
    .sort();
}

/** What an import cannot recover of a resource type: its secrets (computed and sensitive) and the values only Terraform keeps. */
function notImportable(typeName: string): string[] {
  const resource = provider.resources.find((r) => r.typeName === typeName);
  const secrets = Object.entries(resource?.schema.attributes ?? {}).filter(([, attr]) => attr.mode === 'computed' && attr.sensitive).map(([name]) => name);
  return [...secrets, ...(TERRAFORM_ONLY[typeName] ?? [])];
}

/** The import id of an object: its id, with its tenant in front when it lives in one and the id does not say it already. */
const importId = (values: Values): string =>
  typeof values.tenant_id === 'string' && !String(values.id).includes('/') ? `${values.tenant_id}/${values.id}` : String(values.id);
const typeOf = (address: string) => address.split('.')[0] ?? '';
const managed = (state: Record<string, Values>) => Object.entries(state).filter(([address]) => !address.startsWith('data.'));

describe('the sweep covers the provider by construction', () => {
  const exampleText = EXAMPLES.flatMap((example) => readdirSync(join(EXAMPLES_DIR, example)).filter((f) => f.endsWith('.tf')).map((f) => readFileSync(join(EXAMPLES_DIR, example, f), 'utf8'))).join('\n');

  test.each(provider.resources.map((r) => r.typeName))('resource %s: used by a swept example, every in-place attribute can drift, its objects can be found', (typeName) => {
    expect(exampleText).toContain(`resource "${typeName}"`);
    const onServer = inPlaceAttributes(typeName).filter((name) => !(TERRAFORM_ONLY[typeName] ?? []).includes(name));
    expect(Object.keys(DRIFT[typeName] ?? {}).sort()).toEqual(onServer);
    expect(EXISTS[typeName]).toBeDefined();
  });

  test.each(provider.dataSources.map((d) => d.typeName))('data source %s: used by a swept example', (typeName) => {
    expect(exampleText).toContain(`data "${typeName}"`);
  });
});

test.each(EXAMPLES)('examples/%s: apply, empty plans, import {}, drift repaired, import.sh, destroy leaving nothing', async (example) => {
  const api = acceptance.emulator.api;
  const ws = acceptance.workspace();
  cpSync(join(EXAMPLES_DIR, example), ws.dir, { recursive: true });
  await ws.apply();
  await ws.expectEmptyPlans();
  const created = managed(await ws.state());

  // Every object, imported into a fresh directory from its id, as a user adopting it does.
  const importable = created.filter(([address]) => provider.resources.find((r) => r.typeName === typeOf(address))?.importState !== undefined);
  if (importable.length > 0) {
    await verifyImports(
      ws,
      // An unmanaged value in the source's state is as old as the object's last apply (an account created before its
      // kestra_group_member); the import reads it as it is now.
      importable.map(([address, values]) => ({
        address,
        id: importId(values),
        ignore: [...notImportable(typeOf(address)), ...(UNMANAGED_WHEN_UNSET[typeOf(address)] ?? [])],
      })),
      { providerConfig: IMPORT_PROVIDER },
    );
  }

  await driftAndRepair(ws, api, created);

  expect(await emptyOutputs(ws)).toEqual([]);
  const tokens = apiTokenSecrets(await ws.state());
  for (const token of tokens) expect(await meStatus(token)).toBe(200);

  const importScript = join(ws.dir, 'import.sh');
  if (existsSync(importScript)) await importAsDocumented(ws, readFileSync(importScript, 'utf8'));

  const beforeDestroy = managed(await ws.state());
  await ws.destroy();
  const left = [];
  for (const [address, values] of beforeDestroy) if (await EXISTS[typeOf(address)]!(api, values)) left.push(address);
  expect(left).toEqual([]);
  for (const token of tokens) expect(await meStatus(token)).toBe(401);
});

/**
 * Changes every in-place attribute of every object outside Terraform, then requires the plan to show each change
 * as an update (never a replacement), the apply to succeed, and the plans after it to be empty.
 */
async function driftAndRepair(ws: TerraformWorkspace, api: ApiClient, objects: [string, Values][]): Promise<void> {
  const group = await api.post('/api/v1/main/groups', { name: `drift-${Date.now()}` });
  expect(group.status).toBe(200);
  const run: DriftRun = { defaultsMoved: new Set(), group: group.body.id };
  const drifted: { address: string; attribute: string; value: unknown; configured: unknown }[] = [];
  for (const [address, values] of objects) {
    for (const [attribute, drift] of Object.entries(DRIFT[typeOf(address)] ?? {})) {
      const value = await drift(api, values, run);
      if (value !== undefined) drifted.push({ address, attribute, value, configured: values[attribute] });
    }
  }
  if (drifted.length > 0) {
    await ws.expect(['plan', '-no-color', '-out=drift.tfplan']);
    const shown = JSON.parse((await ws.expect(['show', '-json', '-no-color', 'drift.tfplan'])).stdout) as PlanJson;
    const changes = new Map((shown.resource_changes ?? []).map((c) => [c.address, c.change]));
    const configured = new Map((shown.configuration?.root_module?.resources ?? []).map((r) => [r.address, Object.keys(r.expressions ?? {})]));
    const keptAsIs = ({ address, attribute }: { address: string; attribute: string }) =>
      (UNMANAGED_WHEN_UNSET[typeOf(address)] ?? []).includes(attribute) && !(configured.get(address) ?? []).includes(attribute);
    const kept = drifted.filter(keptAsIs);
    // An unmanaged value is planned as it now is, or left to the update to read back: never put back.
    expect(kept.filter(({ address, attribute, value }) => {
      const after = (changes.get(address)?.after ?? {}) as Values;
      return after[attribute] !== undefined && JSON.stringify(normalised(after[attribute])) !== JSON.stringify(normalised(value));
    })).toEqual([]);
    const repaired = drifted.filter((d) => !keptAsIs(d));
    const seen = repaired.map(({ address, attribute }) => {
      const change = changes.get(address);
      const before = (change?.before ?? {}) as Values;
      const after = (change?.after ?? {}) as Values;
      return { address, attribute, actions: change?.actions, before: normalised(before[attribute]), after: normalised(after[attribute]) };
    });
    expect(seen).toEqual(repaired.map(({ address, attribute, value, configured }) => ({ address, attribute, actions: ['update'], before: normalised(value), after: normalised(configured) })));
    await ws.expect(['apply', '-no-color', 'drift.tfplan']);
    await ws.expectEmptyPlans();
    const state = await ws.state();
    expect(kept.map(({ address, attribute }) => ({ address, attribute, value: normalised(state[address]?.[attribute]) }))).toEqual(
      kept.map(({ address, attribute, value }) => ({ address, attribute, value: normalised(value) })),
    );
  }
  expect((await api.delete(`/api/v1/main/groups/${group.body.id}`)).status).toBe(200);
}

/** What the sweep reads of `terraform show -json` of a plan: the changes, and which arguments each resource's configuration sets. */
interface PlanJson {
  resource_changes?: PlannedChange[];
  configuration?: { root_module?: { resources?: { address: string; expressions?: Record<string, unknown> }[] } };
}

/** Sets and maps of sets compare without regard to order. */
function normalised(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalised).sort();
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalised(v)]));
  return value;
}

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
      expect(imported.stdout + imported.stderr).toContain('The token secret cannot be imported');
      // What only Terraform kept (keepers, rotate_before) is recorded in place, never a new token.
      const plan = await ws.planExitCode();
      expect(plan.stdout).not.toContain('must be replaced');
      await ws.apply();
    }
    if (address!.startsWith('kestra_user.') && values.password_wo_version !== null) {
      // The password is not imported: the first apply records password_wo_version and sends the password, in place.
      const plan = await ws.planExitCode();
      expect(plan.stdout).toContain('0 to add, 1 to change, 0 to destroy');
      await ws.apply();
    }
    await ws.expectEmptyPlans();
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

function apiTokenSecrets(state: Record<string, Values>): string[] {
  return Object.entries(state)
    .filter(([address]) => address.startsWith('kestra_api_token.'))
    .map(([, values]) => values.token as string);
}

async function meStatus(token: string): Promise<number> {
  return (await acceptance.emulator.api.get('/api/v1/me', { auth: { bearer: token } })).status;
}
