import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../emulator/index.js';
import { ApiClient } from './client.js';

export interface TestEmulator {
  emulator: RunningEmulator;
  api: ApiClient;
  logLines: string[];
  close(): Promise<void>;
}

/** An in-process emulator on a free loopback port, with the control API on, and an admin client for it. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const logLines: string[] = [];
  const emulator = await startEmulator({ enableControl: true, log: (line) => logLines.push(line), ...options });
  const api = new ApiClient(emulator.url, options.kestraVersion ?? '1.3');
  return { emulator, api, logLines, close: () => emulator.close() };
}

let counter = 0;

/** A name valid for service accounts and tokens, unique within the test run. */
export function uniqueName(prefix = 'sa'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

/** Creates a service account in a tenant and returns its id. */
export async function createServiceAccount(api: ApiClient, tenant = 'main', body: Record<string, unknown> = {}): Promise<string> {
  const res = await api.post(`/api/v1/${tenant}/service-accounts`, { name: uniqueName(), ...body });
  if (res.status !== 200) throw new Error(`service account creation failed: ${res.status} ${res.text}`);
  return res.body.id as string;
}

/** Creates an API token for a service account and returns its id and secret. */
export async function createSaToken(
  api: ApiClient,
  saId: string,
  body: Record<string, unknown> = {},
  tenant = 'main',
): Promise<{ id: string; fullToken: string }> {
  const res = await api.post(`/api/v1/${tenant}/service-accounts/${saId}/api-tokens`, { name: uniqueName('tok'), ...body });
  if (res.status !== 200) throw new Error(`token creation failed: ${res.status} ${res.text}`);
  return { id: res.body.id, fullToken: res.body.fullToken };
}

/** Binds a subject to a role in a tenant and returns the binding id. */
export async function bind(
  api: ApiClient,
  body: { type: 'USER' | 'GROUP'; externalId: string; roleId: string; namespaceId?: string },
  tenant = 'main',
): Promise<string> {
  const res = await api.post(`/api/v1/${tenant}/bindings`, body);
  if (res.status !== 200) throw new Error(`binding creation failed: ${res.status} ${res.text}`);
  return res.body.id as string;
}

/** Creates a role in a tenant and returns its id. */
export async function createRole(api: ApiClient, permissions: Record<string, string[]>, tenant = 'main'): Promise<string> {
  const res = await api.post(`/api/v1/${tenant}/roles`, { name: uniqueName('role'), permissions });
  if (res.status !== 200) throw new Error(`role creation failed: ${res.status} ${res.text}`);
  return res.body.id as string;
}
