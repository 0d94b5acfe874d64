import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareUtf8 } from '../../common/compare-text.js';

/**
 * Creates in flight, written to disk before their request is sent. An entry outlives its create: it is
 * forgotten only once Terraform holds the outcome, which the provider learns in one of two ways: this process
 * ends normally (Terraform stops a provider only after it has every answer), or a later process is handed a
 * stored state of the object the create made (`retireMade`: before the outcome goes to Terraform, the entry
 * records which object that is), or one whose private data names the entry (`retire`: where the entry could
 * not record it, and in states of earlier versions), which then drops the name. A provider killed with
 * `kill -9` mid-apply so leaves the entries of the creates it was doing and of those whose answers Terraform
 * may not have received; the next create of the same object from the same working directory reads them and
 * knows which objects existed before each began, so it can tell the object such a create made from a
 * stranger's. A kill is survived without an fsync: written files outlive the process that wrote them, only
 * not a machine crash.
 *
 * A process that serves one Terraform session after another (provider/launch/reuse-server.ts) outlives its
 * sessions, so its entries also name the session: a session that ended without Terraform asking (its
 * Terraform killed) leaves its entries marked ended once its calls have returned, and they are then
 * leftovers like those of a killed process.
 */
export interface CreateJournal {
  /** Records a create about to be sent: `before` are the ids of the objects of its identity that exist now. */
  open(key: string, before: readonly string[]): JournalEntry;
  /** Entries for `key` written by processes that are gone, oldest first. */
  leftovers(key: string): LeftoverEntry[];
  /**
   * Records, before the outcome goes to Terraform, the object that the kept entry `entryId` of this session
   * made (`made` names it: server, resource type and id): a stored state of that object will retire it. False
   * when it could not be recorded (the entry is not this session's, or the disk said no): the state must then
   * name the entry.
   */
  recordMade(entryId: string, made: string): boolean;
  /** Forgets the entries, left by processes or sessions that are gone, that made the object `made` names. */
  retireMade(made: string): void;
  /**
   * Forgets an entry whose outcome Terraform holds: its id was in the private data of a stored state. Says
   * whether the entry is gone for good, so that states need not name it any more: not while a session that is
   * still being served holds it (it may yet leave it behind), nor when this process keeps no journal.
   */
  retire(entryId: string): boolean;
}

export interface JournalEntry {
  /** What the resource's private state names until the entry records what the create made (`recordMade`). */
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
  /** The session of a reuse server that wrote the entry; absent from a process serving one session. */
  session?: string;
  /** Set when that session ended without Terraform asking, after its calls returned. */
  ended?: true;
  started_at: string;
}

/** The Terraform session a journal's entries belong to, and how the provider learns that it ended. */
export interface JournalScope {
  /** Written into each entry; undefined for a process that serves one session. */
  readonly session: string | undefined;
  /** Whether entries this very process wrote for `session` belong to a session it is still serving. */
  isServing(session: string | undefined): boolean;
  /** Registers what to do when the session ends: `normally` when Terraform asked for it. */
  onEnd(callback: (normally: boolean) => void): void;
}

/** A process that serves one session: its entries live as long as it does, and a normal exit ends them. */
export const PROCESS_SCOPE: JournalScope = {
  session: undefined,
  isServing: () => true,
  onEnd: (callback) => process.once('exit', () => callback(true)),
};

/** Keeps nothing: for a provider that serves many working directories (`--debug`), or when the directory cannot be written. */
export const NO_JOURNAL: CreateJournal = {
  open: () => ({ id: '', keep: () => {}, close: () => {} }),
  leftovers: () => [],
  recordMade: () => false,
  retireMade: () => {},
  // Another process, with a journal, may still need the name.
  retire: () => false,
};

/**
 * Entry ids are file names this journal wrote: `PID-RANDOM.json`, and `PID-RANDOM.MADE.json` once the object
 * made is recorded. Anything else from a state file names no entry.
 */
const ENTRY_ID = /^(\d+-[0-9a-f]{12})(?:\.([0-9a-f]{16}))?\.json$/;

/** The object a create made, as entry file names carry it: what names it is any text. */
function madeKey(made: string): string {
  return createHash('sha256').update(made).digest('hex').slice(0, 16);
}

/** A journal of one file per create under `dir`, created when first needed. */
export function fileJournal(dir: string, onError: (message: string) => void, scope: JournalScope = PROCESS_SCOPE): CreateJournal {
  let usable = true;
  const fail = (what: string, error: unknown) => {
    usable = false;
    onError(`create journal ${dir}: ${what} failed (${error instanceof Error ? error.message : String(error)}); creates are no longer journaled`);
  };
  // What processes that are gone left, read once: their entries change only through this process.
  let left: Map<string, Stored> | undefined;
  const leftEntries = () => (left ??= readLeftovers(dir, scope));
  // This session's entries that are not closed, by entry id: those with an outcome on its way to Terraform are kept.
  const mine = new Map<string, { stored: Stored; kept: boolean }>();
  // Once its session has ended, a journal is what the session left: calls still returning change nothing.
  let ended = false;
  scope.onEnd((normally) => {
    ended = true;
    for (const [id, { stored, kept }] of mine) {
      const file = join(dir, id);
      if (normally && kept) rmSync(file, { force: true });
      else if (scope.session !== undefined) markEnded(file, stored);
    }
    mine.clear();
  });
  return {
    open(key, before) {
      if (!usable || ended) return NO_JOURNAL.open(key, before);
      const id = `${process.pid}-${randomBytes(6).toString('hex')}.json`;
      const file = join(dir, id);
      const stored: Stored = {
        key,
        before: [...before],
        pid: process.pid,
        ...(scope.session === undefined ? {} : { session: scope.session }),
        started_at: new Date().toISOString(),
      };
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(file, JSON.stringify(stored));
      } catch (error) {
        fail('writing an entry', error);
        return NO_JOURNAL.open(key, before);
      }
      mine.set(id, { stored, kept: false });
      return {
        id,
        keep: () => {
          if (!ended && mine.has(id)) mine.set(id, { stored, kept: true });
        },
        close: () => {
          if (ended) return;
          mine.delete(id);
          rmSync(file, { force: true });
        },
      };
    },
    recordMade(entryId, made) {
      const entry = mine.get(entryId);
      const name = entryId.match(ENTRY_ID);
      if (!usable || ended || entry === undefined || !entry.kept || name === null || name[2] !== undefined) return false;
      // The file name carries the object, so that recording it is one rename, whole or not at all.
      const renamed = `${name[1]}.${madeKey(made)}.json`;
      try {
        renameSync(join(dir, entryId), join(dir, renamed));
      } catch {
        return false; // the entry stays as it was, and the state names it
      }
      mine.delete(entryId);
      mine.set(renamed, entry);
      return true;
    },
    retireMade(made) {
      if (!usable || leftEntries().size === 0) return;
      const key = madeKey(made);
      for (const entryId of leftEntries().keys()) {
        if (entryId.match(ENTRY_ID)?.[2] !== key) continue;
        leftEntries().delete(entryId);
        rmSync(join(dir, entryId), { force: true });
      }
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
      return found.sort((a, b) => compareUtf8(a.startedAt, b.startedAt));
    },
    retire(entryId) {
      if (!usable) return false;
      if (!ENTRY_ID.test(entryId)) return true; // names no entry of any journal
      const file = join(dir, entryId);
      if (leftEntries().delete(entryId)) {
        rmSync(file, { force: true });
        return true;
      }
      // Not a leftover: gone already (its session ended normally, or an earlier process retired it), or held
      // by a session still being served, this one or another process's.
      return !mine.has(entryId) && !existsSync(file);
    },
  };
}

/** Rewrites an entry as ended, whole or not at all (a reader never sees half a file). */
function markEnded(file: string, stored: Stored): void {
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify({ ...stored, ended: true }));
    renameSync(tmp, file);
  } catch {
    rmSync(tmp, { force: true }); // the directory is gone or unwritable: nothing is left to mark
  }
}

function readLeftovers(dir: string, scope: JournalScope): Map<string, Stored> {
  const found = new Map<string, Stored>();
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => ENTRY_ID.test(name));
  } catch {
    return found; // no directory yet: nothing was ever journaled here
  }
  for (const name of names) {
    const stored = readEntry(join(dir, name));
    if (stored !== undefined && !isServed(stored, scope)) found.set(name, stored);
  }
  return found;
}

function readEntry(file: string): Stored | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!isRecord(value)) return undefined;
    const { key, before, pid, session, ended, started_at: startedAt } = value;
    if (typeof key !== 'string' || typeof pid !== 'number' || typeof startedAt !== 'string') return undefined;
    if (!Array.isArray(before) || !before.every((id): id is string => typeof id === 'string')) return undefined;
    return { key, before, pid, ...(typeof session === 'string' ? { session } : {}), ...(ended === true ? { ended } : {}), started_at: startedAt };
  } catch {
    return undefined; // half-written by a process killed while writing it, or removed meanwhile
  }
}

/**
 * Whether the session that wrote an entry may still be creating: its process runs (a reused id makes a dead
 * create look alive: its entry is then left alone) and, in this very process, the session is still served.
 */
function isServed(stored: Stored, scope: JournalScope): boolean {
  if (stored.ended === true) return false;
  if (stored.pid === process.pid) return scope.isServing(stored.session);
  try {
    process.kill(stored.pid, 0);
    return !isZombie(stored.pid);
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

/**
 * A killed process stays in the table until its parent reaps it, and signals still reach it: a provider
 * started in the background has init for parent, which may take its time. Linux says so in /proc.
 */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.charAt(stat.lastIndexOf(')') + 2) === 'Z';
  } catch {
    return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
