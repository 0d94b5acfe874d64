// The entry of the provider bundle (scripts/bundle.mjs), which the launcher runs in one of three ways:
//   - as a V8 startup snapshot (`node --snapshot-blob BLOB -- ARGS`): everything below was loaded when the
//     blob was built, and only the deserialize main function runs;
//   - as a script (`node kestra-provider.cjs ARGS`), when there is no blob yet: the provider asks for a blob
//     to be built in the background, and runs;
//   - as the snapshot builder (`node kestra-provider.cjs --build-snapshot-cache`), started by the latter.
import './env-guard.js';
import * as v8 from 'node:v8';
import { prepareProvider, runProvider } from '../run.js';
import { endEnvGuard } from './env-guard.js';

if (v8.startupSnapshot.isBuildingSnapshot()) {
  // What depends on nothing at run time is done once, here: the protocol's service definitions, the
  // provider, its schemas and its handlers.
  const prepared = prepareProvider();
  endEnvGuard();
  v8.startupSnapshot.setDeserializeMainFunction(() => {
    void runProvider(process.argv.slice(1), prepared);
  });
} else {
  void runAsScript(process.argv.slice(2));
}

async function runAsScript(args: string[]): Promise<void> {
  // The bundle is CommonJS (a snapshot can only be built from a script), so __filename is the bundle's path.
  const bundlePath = __filename;
  // Loaded here, not at the top: it needs node:child_process, which does not belong in a snapshot.
  const { BUILD_ARG, buildSnapshot, recordBuildFailure, snapshotTargetFromEnv, startSnapshotBuild } = await import('./snapshot-cache.js');
  const target = snapshotTargetFromEnv(process.env);
  if (args[0] === BUILD_ARG) {
    if (target) await buildSnapshot(target, bundlePath).catch((error: unknown) => recordBuildFailure(target, error));
    return;
  }
  // Before serving: Terraform may kill a provider right after its last RPC, and a test right after the handshake.
  if (target) startSnapshotBuild(target, bundlePath);
  await runProvider(args);
}
