/** An in-process emulator for a test file, with the superadmin credentials and a raw API helper for out-of-band checks. */
import { DEFAULT_ADMIN_PASSWORD, DEFAULT_ADMIN_USER, startEmulator, type EmulatorOptions } from '../../emulator/index.js';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

export interface TestEmulator {
  url: string;
  adminUser: string;
  adminPassword: string;
  /** Calls the API as the superadmin, or with `auth` (a full Authorization header value). */
  api<T = any>(method: string, path: string, body?: unknown, auth?: string): Promise<ApiResponse<T>>;
  /** The provider block for HCL configurations pointing at this emulator as the superadmin. */
  providerBlock(extra?: string): string;
  close(): Promise<void>;
}

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const running = await startEmulator({ enableControl: true, ...options });
  const adminUser = options.adminUser ?? DEFAULT_ADMIN_USER;
  const adminPassword = options.adminPassword ?? DEFAULT_ADMIN_PASSWORD;
  const basic = `Basic ${Buffer.from(`${adminUser}:${adminPassword}`).toString('base64')}`;
  return {
    url: running.url,
    adminUser,
    adminPassword,
    async api(method, path, body, auth = basic) {
      const response = await fetch(`${running.url}${path}`, {
        method,
        headers: { authorization: auth, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? safeJson(text) : null) as never };
    },
    providerBlock(extra = '') {
      return `terraform {\n  required_providers {\n    kestra = { source = "kestra-iam/kestra" }\n  }\n}\n\nprovider "kestra" {\n  url      = "${running.url}"\n  username = "${adminUser}"\n  password = "${adminPassword}"\n${extra}}\n`;
    },
    close: running.close,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
