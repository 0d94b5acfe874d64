/**
 * V8 flags of every start from a snapshot. A blob loads only under the V8 flags that built it, so the builder,
 * its verification and the launcher all use exactly these (the launcher's copy is generated from this list).
 * Three bound the peak memory of a provider process during a burst of API calls, and one buys CPU with a little
 * of it (figures: bench/README.md, RSS, and the README's Performance section):
 *   --liftoff-only: undici's HTTP parser is WebAssembly, and optimising it in the background costs some 30 MB
 *     of transient memory in every process that calls Kestra; its baseline compiler (Liftoff) is ample for a parser.
 *   --max-semi-space-size=1: a young generation of 1 MiB per semi-space instead of up to 16; a provider's
 *     objects are small and short-lived.
 *   --max-opt=1: JavaScript runs in the interpreter and, once warm, as Sparkplug's baseline code, never
 *     optimised. Baseline code is compiled in one quick pass from the bytecode: for a warm provider, which
 *     serves session after session, it takes 10–20% off the CPU of each plan or apply of 100 for 2–3 MB of
 *     code. The optimising compilers' own code, zones and output cost 15–20 MB, and over a handful of
 *     commands their compiling costs about what it saves (README, Performance).
 *   --heap-growing-percent=50: after each full collection the heap may grow by half, not up to four times,
 *     before the next one. A process that serves many walks (reattached, or reused across sessions) otherwise
 *     keeps some 8 MB more after each apply/plan/destroy round until the heap reaches V8's far larger limit.
 * The bundle, without a blob, runs with none: only a verified blob proves this node accepts them.
 */
export const SNAPSHOT_NODE_FLAGS: readonly string[] = ['--liftoff-only', '--max-semi-space-size=1', '--max-opt=1', '--heap-growing-percent=50'];
