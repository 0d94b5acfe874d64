// While the startup snapshot is being built, records which environment variables the modules read as they
// load. Whatever a module reads then is frozen into the snapshot (the builder runs with an empty
// environment), so the build refuses any variable the launcher does not know to route around the snapshot.
// Imported first by the bundle's entry, so that it sees every other module load.
import * as v8 from 'node:v8';

/** Read at load by @grpc/grpc-js (logging, tracing, ciphers, error details): the launcher runs the bundle when one is set. */
export const SNAPSHOT_SKIPPING_ENV = [
  'GRPC_TRACE',
  'GRPC_VERBOSITY',
  'GRPC_NODE_TRACE',
  'GRPC_NODE_VERBOSITY',
  'GRPC_SSL_CIPHER_SUITES',
  'GRPC_NODE_DEBUG_SEND_ERROR_DETAILS',
] as const;
/** Also read at load by @grpc/grpc-js, but only for outbound gRPC channels, which the provider never opens. */
const CLIENT_ONLY_ENV = ['GRPC_DEFAULT_SSL_ROOTS_FILE_PATH', 'GRPC_NODE_USE_ALTERNATIVE_RESOLVER', 'GRPC_EXPERIMENTAL_ENABLE_OUTLIER_DETECTION'];

const read = new Map<string, string>();
const realEnv = process.env;

/**
 * Records `key` when the caller is bundled code. Node itself reads some variables while it builds (FORCE_COLOR,
 * NODE_DEBUG, from its own modules or from C++), and refreshes that state when it starts from a snapshot.
 */
function record(key: string | symbol): void {
  if (typeof key !== 'string') return;
  // The snapshot builder runs with stack traces off.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 8;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  const caller = stack.split('\n')[3] ?? '';
  const fromBundle = caller !== '' && !/\(node:|at node:/.test(caller);
  if (fromBundle && !read.has(key)) read.set(key, stack);
}

if (v8.startupSnapshot.isBuildingSnapshot()) {
  process.env = new Proxy(realEnv, {
    get(target, key) {
      record(key);
      return Reflect.get(target, key);
    },
    has(target, key) {
      record(key);
      return Reflect.has(target, key);
    },
  });
}

/** Stops recording and throws if a module read any other variable while loading. */
export function endEnvGuard(): void {
  process.env = realEnv;
  const allowed = new Set<string>([...SNAPSHOT_SKIPPING_ENV, ...CLIENT_ONLY_ENV]);
  const unexpected = [...read].filter(([key]) => !allowed.has(key));
  if (unexpected.length > 0) {
    const [key, stack] = unexpected[0]!;
    throw new Error(
      `modules read ${unexpected.map(([k]) => k).join(', ')} from the environment while loading; the snapshot would freeze it ` +
        `(read it at run time instead). ${key} was read ${stack.split('\n').slice(3, 8).join(' ')}`,
    );
  }
}
