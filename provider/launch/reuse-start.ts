// Starts a reuse server (reuse-server.ts) for the launcher, from a provider that found no free one. The
// server is started with the same node, V8 flags and startup snapshot as this process (a snapshot loads only
// under those), detached, with an empty environment and `/` as its directory: it must hold nothing of the
// session that started it.
import { spawn } from 'node:child_process';
import { closeSync, openSync, rmSync, statSync } from 'node:fs';
import { REUSE_SERVER_ARG } from '../run.js';

/** A start marker older than this was left by a server that never came up. */
const STALE_START_MS = 30_000;

/** Starts a server for `slot`, unless one is being started for it already. */
export function startReuseServer(slot: string): void {
  // Only from a snapshot: the launcher attaches only where a verified blob runs the server.
  if (!process.execArgv.includes('--snapshot-blob')) return;
  if (!claim(`${slot}.starting`)) return;
  const child = spawn(process.execPath, [...process.execArgv, '--', REUSE_SERVER_ARG, slot], {
    detached: true,
    stdio: 'ignore',
    env: {},
    cwd: '/',
  });
  child.on('error', () => rmSync(`${slot}.starting`, { force: true }));
  child.unref();
}

/** One starter per slot: the first to create the marker, or the one that finds it stale. */
function claim(marker: string): boolean {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      closeSync(openSync(marker, 'wx', 0o600));
      return true;
    } catch {
      try {
        if (Date.now() - statSync(marker).mtimeMs < STALE_START_MS) return false;
        rmSync(marker, { force: true });
      } catch {
        return false;
      }
    }
  }
  return false;
}
