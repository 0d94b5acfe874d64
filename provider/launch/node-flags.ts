/**
 * V8 flags of every start from a snapshot. A blob loads only under the V8 flags that built it, so the builder,
 * its verification and the launcher all use exactly these (the launcher's copy is generated from this list).
 * They bound the peak memory of a provider process during a burst of API calls (figures: bench/README.md, RSS):
 *   --liftoff-only: undici's HTTP parser is WebAssembly, and optimising it in the background costs some 30 MB
 *     of transient memory in every process that calls Kestra; the baseline compiler is ample for a parser.
 *   --max-semi-space-size=1: a young generation of 1 MiB per semi-space instead of up to 16; a provider's
 *     objects are small and short-lived.
 *   --max-opt=0: JavaScript stays in the interpreter. A provider process lives for one graph walk, too short
 *     for optimised code to repay its compilation: the optimising compilers' own code, their zones and their
 *     output were 7–8 MB of the peak of an apply of 100, and CPU per command of 100 is the same without them
 *     (at 1,000 resources, 2–16% more for an apply in three runs).
 *   --heap-growing-percent=50: after each full collection the heap may grow by half, not up to four times,
 *     before the next one. A process that serves many walks (reattached, or reused across sessions) otherwise
 *     keeps some 8 MB more after each apply/plan/destroy round until the heap reaches V8's far larger limit.
 * The bundle, without a blob, runs with none: only a verified blob proves this node accepts them.
 */
export const SNAPSHOT_NODE_FLAGS: readonly string[] = ['--liftoff-only', '--max-semi-space-size=1', '--max-opt=0', '--heap-growing-percent=50'];
