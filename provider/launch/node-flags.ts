/**
 * V8 flags of every start from a snapshot. A blob loads only under the V8 flags that built it, so the builder,
 * its verification and the launcher all use exactly these (the launcher's copy is generated from this list).
 * Both bound the peak memory of a provider process during a burst of API calls:
 *   --liftoff-only: undici's HTTP parser is WebAssembly, and optimising it in the background costs some 30 MB
 *     of transient memory in every process that calls Kestra; the baseline compiler is ample for a parser.
 *   --max-semi-space-size=1: a young generation of 1 MiB per semi-space instead of up to 16; a provider's
 *     objects are small and short-lived.
 * The bundle, without a blob, runs with none: only a verified blob proves this node accepts them.
 */
export const SNAPSHOT_NODE_FLAGS: readonly string[] = ['--liftoff-only', '--max-semi-space-size=1'];
