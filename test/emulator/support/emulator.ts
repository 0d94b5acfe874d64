/**
 * What the emulator's own tests share: the test emulator and its client (from test/support), and fixtures
 * that create objects through the API.
 */
import type { ApiClient } from '../../support/api-client.js';

export { ADMIN, ApiClient } from '../../support/api-client.js';
export { startTestEmulator, type TestEmulator } from '../../support/emulator.js';

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
