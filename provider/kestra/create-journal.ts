import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Creates in flight, written to disk before their request is sent. An entry outlives its create: it is
 * forgotten only once Terraform holds the outcome, which the provider learns in one of two ways: this process
 * ends normally (Terraform stops a provider only after it has every answer), or a later process is handed a
 * stored state whose private data names the entry (`retire`). A provider killed with `kill -9` mid-apply so
 * leaves the entries of the creates it was doing and of those whose answers Terraform may not have received;
 * the next create of the same object from the same working directory reads them and knows which objects
 * existed before each began, so it can tell the object such a create made from a stranger's. A kill is
 * survived without an fsync: written files outlive the process that wrote them, only not a machine crash.
 */
export interface CreateJournal {
  /** Records a create about to be sent: `before` are the ids of the objects of its identity that exist now. */
  open(key: string, before: readonly string[]): JournalEntry;
  /** Entries for `key` written by processes that are gone, oldest first. */
  leftovers(key: string): LeftoverEntry[];
  /** Forgets an entry whose outcome Terraform holds: its id was in the private data of a stored state. */
  retire(entryId: string): void;
}

export interface JournalEntry {
  /** What the resource's private state keeps, so that a later process can retire the entry. */
  readonly id: string;
  /** The create has an outcome (an object, or a placeholder) on its way to Terraform: kept until Terraform holds it. */
  keep(): void;
  /** The create failed and made nothing: forgotten now. */
  close(): void;
}

export interface LeftoverEntry {
  readonly before: readonly string[];
  readonly startedAt: string;
  /** Forgets the entry, once the object it stands for is settled. */
  discard(): void;
}

interface Stored {
  key: string;
  before: string[];
  pid: number;
  started_at: string;
}

/** Keeps nothing: for a provider that serves many working directories (`--debug`), or when the directory cannot be written. */
export const NO_JOURNAL: CreateJournal = {
  open: () => ({ id: '', keep: () => {}, close: () => {} }),
  leftovers: () => [],
  retire: () => {},
};

/** Entry ids are file names this journal wrote; anything else from a state file names no entry. */
const ENTRY_ID = /^\d+-[0-9a-f]{12}\.json$/;

/** A journal of one file per create under `dir`, created when first needed. */
export function fileJournal(dir: string, onError: (message: string) => void): CreateJournal {
  let usable = true;
  const fail = (what: string, error: unknown) => {
    usable = false;
    onError(`create journal ${dir}: ${what} failed (${error instanceof Error ? error.message : String(error)}); creates are no longer journaled`);
  };
  // What processes that are gone left, read once: their entries change only through this process.
  let left: Map<string, Stored> | undefined;
  const leftEntries = () => (left ??= readLeftovers(dir));
  return {
    open(key, before) {
      if (!usable) return NO_JOURNAL.open(key, before);
      const id = `${process.pid}-${randomBytes(6).toString('hex')}.json`;
      const file = join(dir, id);
      const stored: Stored = { key, before: [...before], pid: process.pid, started_at: new Date().toISOString() };
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(file, JSON.stringify(stored));
      } catch (error) {
        fail('writing an entry', error);
        return NO_JOURNAL.open(key, before);
      }
      return { id, keep: () => keepUntilExit(file), close: () => rmSync(file, { force: true }) };
    },
    leftovers(key) {
      if (!usable) return [];
      const found: LeftoverEntry[] = [];
      for (const [id, stored] of leftEntries()) {
        if (stored.key !== key) continue;
        const discard = () => {
          left?.delete(id);
          rmSync(join(dir, id), { force: true });
        };
        found.push({ before: stored.before, startedAt: stored.started_at, discard });
      }
      return found.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    },
    retire(entryId) {
      if (!usable || !ENTRY_ID.test(entryId) || !leftEntries().delete(entryId)) return;
      rmSync(join(dir, entryId), { force: true });
    },
  };
}

/** This process's entries with an outcome: Terraform holds every one once the process ends normally. */
const keptFiles = new Set<string>();

function keepUntilExit(file: string): void {
  if (keptFiles.size === 0) {
    process.once('exit', () => {
      for (const kept of keptFiles) rmSync(kept, { force: true });
    });
  }
  keptFiles.add(file);
}

function readLeftovers(dir: string): Map<string, Stored> {
  const found = new Map<string, Stored>();
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => ENTRY_ID.test(name));
  } catch {
    return found; // no directory yet: nothing was ever journaled here
  }
  for (const name of names) {
    const stored = readEntry(join(dir, name));
    if (stored !== undefined && !isAlive(stored.pid)) found.set(name, stored);
  }
  return found;
}

function readEntry(file: string): Stored | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!isRecord(value)) return undefined;
    const { key, before, pid, started_at: startedAt } = value;
    if (typeof key !== 'string' || typeof pid !== 'number' || typeof startedAt !== 'string') return undefined;
    if (!Array.isArray(before) || !before.every((id): id is string => typeof id === 'string')) return undefined;
    return { key, before, pid, started_at: startedAt };
  } catch {
    return undefined; // half-written by a process killed while writing it, or removed meanwhile
  }
}

/** Whether a process with this id runs (this one included). A reused id makes a dead create look alive: its entry is then left alone. */
function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
