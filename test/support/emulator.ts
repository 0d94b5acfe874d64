/** An in-process emulator for tests: a free loopback port, the control API on, and a superadmin client for it. */
import { DEFAULT_ADMIN_PASSWORD, DEFAULT_ADMIN_USER, startEmulator, type EmulatorOptions } from '../../emulator/index.js';
import { ApiClient } from './api-client.js';
import type { SpecVersion } from './contract.js';

export interface TestEmulator {
  readonly url: string;
  readonly version: SpecVersion;
  readonly adminUser: string;
  readonly adminPassword: string;
  /** Calls the API as the superadmin; `api.as(auth)` as someone else. Responses are checked against the contract. */
  readonly api: ApiClient;
  /** The emulator's log lines so far (one per request), unless `options.log` took them. */
  readonly logLines: readonly string[];
  /** The provider block for HCL configurations pointing at this emulator as the superadmin. */
  providerBlock(extra?: string): string;
  close(): Promise<void>;
}

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const logLines: string[] = [];
  const running = await startEmulator({ enableControl: true, log: (line) => logLines.push(line), ...options });
  const version = options.kestraVersion ?? '1.3';
  const adminUser = options.adminUser ?? DEFAULT_ADMIN_USER;
  const adminPassword = options.adminPassword ?? DEFAULT_ADMIN_PASSWORD;
  return {
    url: running.url,
    version,
    adminUser,
    adminPassword,
    api: new ApiClient(running.url, version, { basic: [adminUser, adminPassword] }),
    logLines,
    providerBlock: (extra = '') => providerBlock({ url: running.url, username: adminUser, password: adminPassword }, extra),
    close: running.close,
  };
}

/** `terraform { required_providers }` and a `provider "kestra"` block with these settings (and `extra` HCL lines). */
export function providerBlock(settings: { url: string; username: string; password: string }, extra = ''): string {
  return `terraform {\n  required_providers {\n    kestra = { source = "kestra-iam/kestra" }\n  }\n}\n\nprovider "kestra" {\n  url      = "${settings.url}"\n  username = "${settings.username}"\n  password = "${settings.password}"\n${extra}}\n`;
}
