import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Creates in flight, written to disk before their request is sent and removed once their outcome is handed
 * to Terraform. A provider killed with `kill -9` mid-create leaves its entry behind; the next create of the
 * same object from the same working directory reads it and knows which objects existed before the killed
 * create began, so it can tell the object that create made from a stranger's. A kill is survived without an
 * fsync: written files outlive the process that wrote them, only not a machine crash.
 */
export interface CreateJournal {
  /** Records a create about to be sent: `before` are the ids of the objects of its identity that exist now. */
  open(key: string, before: readonly string[]): JournalEntry;
  /** Entries for `key` written by processes that are gone. */
  leftovers(key: string): LeftoverEntry[];
}

export interface JournalEntry {
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
  open: () => ({ close: () => {} }),
  leftovers: () => [],
};

/** A journal of one file per create in flight under `dir`, created when first needed. */
export function fileJournal(dir: string, onError: (message: string) => void): CreateJournal {
  let usable = true;
  const fail = (what: string, error: unknown) => {
    usable = false;
    onError(`create journal ${dir}: ${what} failed (${error instanceof Error ? error.message : String(error)}); creates are no longer journaled`);
  };
  return {
    open(key, before) {
      if (!usable) return NO_JOURNAL.open(key, before);
      const file = join(dir, `${process.pid}-${randomBytes(6).toString('hex')}.json`);
      const stored: Stored = { key, before: [...before], pid: process.pid, started_at: new Date().toISOString() };
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(file, JSON.stringify(stored));
      } catch (error) {
        fail('writing an entry', error);
        return NO_JOURNAL.open(key, before);
      }
      return { close: () => rmSync(file, { force: true }) };
    },
    leftovers(key) {
      if (!usable) return [];
      let names: string[];
      try {
        names = readdirSync(dir).filter((name) => name.endsWith('.json'));
      } catch {
        return []; // no directory yet: nothing was ever journaled here
      }
      const found: LeftoverEntry[] = [];
      for (const name of names) {
        const file = join(dir, name);
        const stored = readEntry(file);
        if (stored === undefined || stored.key !== key || isAlive(stored.pid)) continue;
        found.push({ before: stored.before, startedAt: stored.started_at, discard: () => rmSync(file, { force: true }) });
      }
      return found.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    },
  };
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
