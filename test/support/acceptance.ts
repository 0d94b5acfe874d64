/**
 * One emulator and one debug provider for a test file, started before its tests and stopped after them; the
 * terraform runs of every workspace reattach to that provider, and each workspace is cleaned up after its test.
 */
import { startDebugProvider, type DebugProvider } from './debug-provider.js';
import { startTestEmulator, type TestEmulator } from './emulator.js';
import { useWorkspaces, type TerraformWorkspace, type WorkspaceOptions } from './terraform.js';

export interface Acceptance {
  readonly emulator: TestEmulator;
  readonly provider: DebugProvider;
  /** A fresh working directory whose terraform runs reach the shared provider; cleaned up after the test. */
  workspace(options?: WorkspaceOptions): TerraformWorkspace;
}

export function useAcceptance(options: { credentialsFromEnvironment?: boolean } = {}): Acceptance {
  let emulator: TestEmulator | undefined;
  let provider: DebugProvider | undefined;
  beforeAll(async () => {
    emulator = await startTestEmulator();
    // For configurations whose provider block is empty, as users write them: credentials come from KESTRA_*.
    const env: Record<string, string> = options.credentialsFromEnvironment
      ? { KESTRA_URL: emulator.url, KESTRA_USERNAME: emulator.adminUser, KESTRA_PASSWORD: emulator.adminPassword }
      : {};
    provider = await startDebugProvider(env);
  });
  afterAll(async () => {
    await provider?.stop();
    await emulator?.close();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} exists only while the tests of the file run`);
    return value;
  };
  const workspace = useWorkspaces(() => ({ reattach: started(provider, 'the debug provider').reattach }));
  return {
    get emulator() {
      return started(emulator, 'the emulator');
    },
    get provider() {
      return started(provider, 'the debug provider');
    },
    workspace,
  };
}
