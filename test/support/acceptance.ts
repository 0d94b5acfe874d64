/**
 * One emulator for a test file, started before its tests and stopped after them, and the provider every
 * workspace's terraform runs reach: by default one debug provider per file that they reattach to; with
 * KESTRA_ACC_PROVIDER=launched, the provider terraform launches itself from bin/, as users run it (its
 * sessions served by warm provider processes, provider/launch/reuse-server.ts). Each workspace is cleaned up
 * after its test.
 */
import { startDebugProvider, type DebugProvider } from './debug-provider.js';
import { startTestEmulator, type TestEmulator } from './emulator.js';
import { useWorkspaces, type TerraformWorkspace, type WorkspaceOptions } from './terraform.js';

export interface Acceptance {
  readonly emulator: TestEmulator;
  /** A fresh working directory whose terraform runs reach the file's provider; cleaned up after the test. */
  workspace(options?: WorkspaceOptions): TerraformWorkspace;
}

const LAUNCHED = process.env.KESTRA_ACC_PROVIDER === 'launched';

export function useAcceptance(options: { credentialsFromEnvironment?: boolean } = {}): Acceptance {
  let emulator: TestEmulator | undefined;
  let provider: DebugProvider | undefined;
  // For configurations whose provider block is empty, as users write them: credentials come from KESTRA_*.
  let providerEnv: Record<string, string> = {};
  beforeAll(async () => {
    emulator = await startTestEmulator();
    providerEnv = options.credentialsFromEnvironment
      ? { KESTRA_URL: emulator.url, KESTRA_USERNAME: emulator.adminUser, KESTRA_PASSWORD: emulator.adminPassword }
      : {};
    if (!LAUNCHED) provider = await startDebugProvider(providerEnv);
  });
  afterAll(async () => {
    await provider?.stop();
    await emulator?.close();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} exists only while the tests of the file run`);
    return value;
  };
  const workspace = useWorkspaces(() => (LAUNCHED ? { env: providerEnv } : { reattach: started(provider, 'the debug provider').reattach }));
  return {
    get emulator() {
      return started(emulator, 'the emulator');
    },
    workspace,
  };
}
