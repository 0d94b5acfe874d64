/**
 * The ambiguous-create protocol against a scripted server: what each create outcome leads to (adopted, sent
 * again, a placeholder), and that nothing existing before the create, or made by a sibling, is ever taken.
 */
import { describe, expect, test } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  KestraAmbiguousWriteError, KestraApiError, KestraConflictError, KestraConnectionError, KestraResponseError, KestraTimeoutError, KestraValidationError,
} from '../../../provider/client/errors.js';
import { ResourceError } from '../../../provider/framework/index.js';
import {
  createCoordinator, createObject, fileJournal, NO_JOURNAL, recordCreated, retireCreateEntry, settlePlaceholder, type CreateJournal, type CreateTarget, type JournalScope, type PendingCreate,
} from '../../../provider/kestra/index.js';
import { REPO_ROOT } from '../../support/paths.js';

const site = { method: 'POST', path: '/api/v1/main/things' };
type Failure = 'timeout' | 'dropped' | 'status 500' | 'truncated 2xx' | 'refused 422' | 'conflict 409';
const failure = (kind: Failure): Error => {
  switch (kind) {
    case 'timeout':
      return new KestraAmbiguousWriteError(site, new KestraTimeoutError(site, 1000));
    case 'dropped':
      return new KestraAmbiguousWriteError(site, new KestraConnectionError(site, 'UND_ERR_SOCKET', 1, null));
    case 'status 500':
      return new KestraAmbiguousWriteError(site, new KestraApiError({ ...site, status: 500 }));
    case 'truncated 2xx':
      return new KestraAmbiguousWriteError(site, new KestraResponseError(site, 200, 'a body that is not valid JSON'));
    case 'refused 422':
      return new KestraValidationError({ ...site, status: 422 });
    case 'conflict 409':
      return new KestraConflictError({ ...site, status: 409 });
  }
};

interface Thing {
  readonly id: string;
  readonly name: string;
  readonly note: string;
}

/**
 * What the server does with each create, in order: `made` makes the object and answers, `made, then X` makes
 * it and fails with X, `X` fails with X without making it, `later after N looks` fails with a timeout and
 * makes the object only once the client has looked N times.
 */
type Step = 'made' | `made, then ${Failure}` | Failure | `later after ${number} looks`;

function scriptedServer(steps: Step[], existing: Thing[] = [], options: { unique?: boolean; secret?: boolean; note?: string } = {}) {
  const objects = [...existing];
  const log: string[] = [];
  let ids = 0;
  let looks = 0;
  let pending: { after: number; thing: Thing } | undefined;
  const note = options.note ?? 'sent';
  const make = (): Thing => {
    const thing = { id: `new-${++ids}`, name: 'x', note };
    objects.push(thing);
    return thing;
  };
  const target: CreateTarget<Thing, Thing> = {
    what: 'thing "x"',
    key: 'thing x',
    ...(options.unique ? { unique: true } : {}),
    async create() {
      const step = steps.shift() ?? 'made';
      log.push('create');
      if (step === 'made') return make();
      if (step.startsWith('made, then ')) {
        make();
        throw failure(step.slice('made, then '.length) as Failure);
      }
      const later = /^later after (\d+) looks$/.exec(step);
      if (later) {
        pending = { after: looks + Number(later[1]), thing: { id: `new-${++ids}`, name: 'x', note } };
        throw failure('timeout');
      }
      throw failure(step as Failure);
    },
    async find() {
      looks++;
      log.push('find');
      if (pending && looks > pending.after) {
        objects.push(pending.thing);
        pending = undefined;
      }
      return objects.filter((o) => o.name === 'x');
    },
    sentBy: (found) => found.note === 'sent',
    ...(options.secret ? {} : { adopt: async (found: Thing, leftover: boolean) => ({ ...found, note: leftover ? 'adopted leftover' : found.note }) }),
    async discard(found) {
      log.push(`discard ${found.id}`);
      objects.splice(objects.indexOf(found), 1);
    },
  };
  return { target, objects, log };
}

function placeholderSink() {
  const sink = { private: {} as { pending_create?: PendingCreate; create_entry?: string }, recorded: 0, recordPlaceholder: () => void sink.recorded++, next: 'Settled next run.' };
  return sink;
}

/** A coordinator whose operation has `budgetMs` left until `find` has been called `looks` times, then none. */
function coordinator(journal: CreateJournal = NO_JOURNAL, remaining: () => number = () => 10_000) {
  return createCoordinator(journal, remaining);
}

// Made before the create, by someone else, and exactly like what the create sends: only the note of what existed tells it apart.
const stranger: Thing = { id: 'theirs', name: 'x', note: 'sent' };

describe('createObject', () => {
  test.each<[string, Step[], { unique?: boolean; secret?: boolean }, { result: string; creates: number }]>([
    ['a create that succeeds', ['made'], {}, { result: 'new-1', creates: 1 }],
    ['a lost answer after the work: the object is found and adopted, not made twice', ['made, then dropped'], {}, { result: 'new-1', creates: 1 }],
    ['a 500 after the work', ['made, then status 500'], {}, { result: 'new-1', creates: 1 }],
    ['a truncated 2xx', ['made, then truncated 2xx'], {}, { result: 'new-1', creates: 1 }],
    ['a slow server: waits and looks again, never sends twice', ['later after 3 looks'], {}, { result: 'new-1', creates: 1 }],
    ['a 500 without the work: nothing shows, the server is done, so it is sent again', ['status 500', 'made'], {}, { result: 'new-1', creates: 2 }],
    ['a unique name whose first send was lost before the server: sent again at once', ['dropped', 'made'], { unique: true }, { result: 'new-1', creates: 2 }],
    ['a unique name, made but unseen: the second send is refused, and the object is then found', ['later after 1 looks', 'conflict 409'], { unique: true }, { result: 'new-1', creates: 2 }],
    ['a token whose answer was lost: deleted and made again, since its secret is gone', ['made, then dropped', 'made'], { secret: true }, { result: 'new-2', creates: 2 }],
  ])('%s', async (_name, steps, options, expected) => {
    // A stranger of the same name, where names may repeat; where they are unique, it could not exist.
    const strangers = options.unique ? [] : [stranger];
    const { target, objects, log } = scriptedServer(steps, strangers, options);
    const sink = placeholderSink();
    const made = await createObject(coordinator(), target, sink, async (thing) => thing);
    expect(made.id).toBe(expected.result);
    expect(log.filter((l) => l === 'create')).toHaveLength(expected.creates);
    // Exactly the stranger and this create's object remain, and no placeholder was needed.
    expect(objects.map((o) => o.id).sort()).toEqual([expected.result, ...strangers.map((o) => o.id)].sort());
    expect(sink.recorded).toBe(0);
  });

  test.each<[string, Step[], boolean]>([
    ['a timeout with nothing showing before the time runs out', ['timeout'], false],
    ['a lost connection with nothing showing', ['dropped'], false],
    ['a unique name after three lost attempts', ['dropped', 'dropped', 'dropped'], true],
  ])('%s: a placeholder remembering what existed before, and a "may or may not" error', async (_name, steps, unique) => {
    const strangers = unique ? [] : [stranger];
    const { target, log } = scriptedServer(steps, strangers, { unique });
    const sink = placeholderSink();
    let budget = 400;
    const error = await createObject(coordinator(NO_JOURNAL, () => (budget -= 50)), target, sink, async (thing) => thing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceError);
    expect(error).toMatchObject({
      summary: 'thing "x" may or may not have been created',
      message: expect.stringContaining('It was not sent again, so no duplicate can appear. Settled next run.'),
    });
    expect(sink.recorded).toBe(1);
    expect(sink.private.pending_create).toEqual({ before: strangers.map((o) => o.id), sent_at: expect.any(String) });
    expect(log.filter((l) => l === 'create')).toHaveLength(unique ? 3 : 1);
  });

  /** The target, with `appearing` made on the server by someone else right after the snapshot before the create. */
  const withRacer = (target: CreateTarget<Thing, Thing>, objects: Thing[], appearing: Thing): CreateTarget<Thing, Thing> => {
    let finds = 0;
    return { ...target, find: async () => (++finds === 2 && objects.push(appearing), target.find()) };
  };

  test('an object that appears during the create but is not what it sent is a stranger: not adopted', async () => {
    const { target, objects, log } = scriptedServer(['timeout'], []);
    const sink = placeholderSink();
    let budget = 300;
    const racing = withRacer(target, objects, { id: 'racer', name: 'x', note: 'someone else' });
    await expect(createObject(coordinator(NO_JOURNAL, () => (budget -= 100)), racing, sink, async (t) => t)).rejects.toThrow(/may or may not/);
    expect(sink.private.pending_create?.before).toEqual([]);
    expect(log.filter((l) => l.startsWith('discard'))).toEqual([]);
  });

  test('two new objects both like the one sent: it cannot tell, and touches neither', async () => {
    const { target, objects, log } = scriptedServer(['made, then dropped'], []);
    const racing = withRacer(target, objects, { id: 'twin', name: 'x', note: 'sent' });
    const error = await createObject(coordinator(), racing, placeholderSink(), async (t) => t).catch((e: unknown) => e);
    expect(error).toMatchObject({ summary: 'cannot tell which thing "x" this create made' });
    expect(objects).toHaveLength(2);
    expect(log.filter((l) => l.startsWith('discard'))).toEqual([]);
  });

  test.each<[string, Step[], (target: CreateTarget<Thing, Thing>) => CreateTarget<Thing, Thing>, { secret?: boolean; unique?: boolean }]>([
    ['the object is found but reading it fails', ['made, then dropped'], (t) => ({ ...t, adopt: () => Promise.reject(failure('refused 422')) }), {}],
    ['a lost token is found but deleting it fails', ['made, then dropped'], (t) => ({ ...t, discard: () => Promise.reject(failure('refused 422')) }), { secret: true }],
    ['the second send of a unique name fails for another reason', ['dropped', 'refused 422'], (t) => t, { unique: true }],
  ])('once an outcome is unknown, every later failure leaves a placeholder: %s', async (_name, steps, change, options) => {
    const { target } = scriptedServer(steps, [], options);
    const sink = placeholderSink();
    await expect(createObject(coordinator(), change(target), sink, async (t) => t)).rejects.toMatchObject({ summary: 'thing "x" may or may not have been created' });
    expect(sink.recorded).toBe(1);
  });

  test('a refused create is not sent again and leaves no placeholder', async () => {
    const { target, log } = scriptedServer(['refused 422']);
    const sink = placeholderSink();
    await expect(createObject(coordinator(), target, sink, async (t) => t)).rejects.toMatchObject({ code: 'KESTRA_VALIDATION' });
    expect(log).toEqual(['find', 'create']);
    expect(sink.recorded).toBe(0);
  });

  test('a unique name already taken is refused before anything is sent: the stranger is not adopted', async () => {
    const { target, objects, log } = scriptedServer(['made'], [stranger], { unique: true });
    const error = await createObject(coordinator(), target, placeholderSink(), async (t) => t).catch((e: unknown) => e);
    expect(error).toMatchObject({ summary: 'thing "x" already exists' });
    expect(log).toEqual(['find']);
    expect(objects).toEqual([stranger]);
  });

  test('a unique name refused after a lost attempt, with nothing new to find, is the refusal', async () => {
    const { target } = scriptedServer(['dropped', 'conflict 409'], [], { unique: true });
    await expect(createObject(coordinator(), target, placeholderSink(), async (t) => t)).rejects.toMatchObject({ code: 'KESTRA_CONFLICT' });
  });

  test('sibling creates of one identity run one after the other: a lost answer never takes a sibling’s token', async () => {
    const server = scriptedServer(['made', 'made, then dropped', 'made', 'made'], [], { secret: true });
    const shared = coordinator();
    const made = await Promise.all([0, 1, 2].map(() => createObject(shared, server.target, placeholderSink(), async (t) => t)));
    // The lost one was deleted and made again; every other create kept its own.
    expect(made.map((t) => t.id)).toEqual(['new-1', 'new-3', 'new-4']);
    expect(server.objects.map((o) => o.id)).toEqual(['new-1', 'new-3', 'new-4']);
    expect(server.log.filter((l) => l.startsWith('discard'))).toEqual(['discard new-2']);
  });

  /** A journal that says what happens to its entries; those named in `held` are still held by a serving session. */
  const recordingJournal = (held: readonly string[] = []) => {
    const events: string[] = [];
    let entries = 0;
    const journal: CreateJournal = {
      open: (key) => {
        const id = `entry-${++entries}`;
        events.push(`open ${key}`);
        return { id, keep: () => void events.push(`keep ${id}`), close: () => void events.push(`close ${id}`) };
      },
      leftovers: () => [],
      recordMade: (id, made) => (events.push(`made ${id} ${made}`), !held.includes(id)),
      retireMade: (made) => void events.push(`retire made ${made}`),
      retire: (id) => (events.push(`retire ${id}`), !held.includes(id)),
    };
    return { journal, events };
  };

  test('`then` runs once the outcome is known, and its failure is the create’s; the entry is kept for Terraform to hold', async () => {
    const { journal, events } = recordingJournal();
    const { target } = scriptedServer(['made']);
    const sink = placeholderSink();
    await expect(
      createObject(coordinator(journal), target, sink, async () => {
        events.push('then');
        throw new Error('second step failed');
      }),
    ).rejects.toThrow('second step failed');
    expect(events).toEqual(['open thing x', 'keep entry-1', 'then']);
    // The private state names the entry, so the process that is next handed this state retires it.
    expect(sink.private.create_entry).toBe('entry-1');
  });

  test('a create that made nothing forgets its entry at once; one of unknown outcome keeps it, named by the placeholder', async () => {
    const { journal, events } = recordingJournal();
    const refused = placeholderSink();
    await expect(createObject(coordinator(journal), scriptedServer(['refused 422']).target, refused, async (t) => t)).rejects.toThrow();
    expect(refused.private.create_entry).toBeUndefined();
    const lost = placeholderSink();
    let budget = 200;
    await expect(createObject(coordinator(journal, () => (budget -= 100)), scriptedServer(['timeout']).target, lost, async (t) => t)).rejects.toThrow(/may or may not/);
    expect(events).toEqual(['open thing x', 'close entry-1', 'open thing x', 'keep entry-2']);
    expect(lost.private).toMatchObject({ create_entry: 'entry-2', pending_create: { before: [] } });
  });

  test('after an unknown outcome, later creates of that identity in the process are refused unsent; others go on', async () => {
    // Sent, they would make siblings the next refresh could take for the lost object (and then replace).
    const shared = coordinator(NO_JOURNAL, () => 0);
    const lost = scriptedServer(['timeout']);
    await expect(createObject(shared, lost.target, placeholderSink(), async (t) => t)).rejects.toThrow(/may or may not/);
    const sibling = placeholderSink();
    await expect(createObject(shared, lost.target, sibling, async (t) => t)).rejects.toMatchObject({
      summary: 'thing "x" not created',
      message: expect.stringContaining('Apply again: the next plan settles the earlier one, then creates this one.'),
    });
    expect(lost.log.filter((l) => l === 'create')).toHaveLength(1);
    expect(sibling.recorded).toBe(0);
    const other = scriptedServer(['made']);
    await expect(createObject(shared, { ...other.target, key: 'thing y' }, placeholderSink(), async (t) => t)).resolves.toMatchObject({ id: 'new-1' });
  });

  const role = (id: string | null, endpoint = 'https://a.example') => ({ endpoint, type: 'kestra_role', state: { id, name: 'x' } });

  test('a created state: its entry records the object (server, type and id), and the name goes, unless the entry cannot record it', () => {
    const { journal, events } = recordingJournal(['entry-8']);
    const shared = coordinator(journal);
    const recorded = { create_entry: 'entry-7', caller_id: 'u' };
    recordCreated(shared, role('r-1'), recorded);
    expect(recorded).toEqual({ caller_id: 'u' });
    const unrecorded = { create_entry: 'entry-8' };
    recordCreated(shared, role('r-2'), unrecorded);
    expect(unrecorded).toEqual({ create_entry: 'entry-8' });
    const noId = { create_entry: 'entry-9' };
    recordCreated(shared, role(null), noId);
    recordCreated(shared, role('r-3'), {});
    expect(noId).toEqual({ create_entry: 'entry-9' });
    expect(events).toEqual(['made entry-7 ["https://a.example","kestra_role","r-1"]', 'made entry-8 ["https://a.example","kestra_role","r-2"]']);
  });

  test('a stored state retires the entries of what it holds and, once gone, the entry it names, dropping the name; the rest stays', () => {
    const { journal, events } = recordingJournal(['entry-8']);
    const shared = coordinator(journal);
    const placeholder = { create_entry: 'entry-7', pending_create: { before: [] } };
    retireCreateEntry(shared, role(null), placeholder);
    expect(placeholder).toEqual({ pending_create: { before: [] } });
    // Still held by a session being served, which may yet leave it behind: the state keeps naming it.
    const held = { create_entry: 'entry-8' };
    retireCreateEntry(shared, role('r-8'), held);
    expect(held).toEqual({ create_entry: 'entry-8' });
    const odd = { create_entry: 7 };
    retireCreateEntry(shared, role('r-9', 'https://b.example'), odd);
    expect(odd).toEqual({ create_entry: 7 });
    expect(events).toEqual([
      'retire entry-7',
      'retire made ["https://a.example","kestra_role","r-8"]',
      'retire entry-8',
      'retire made ["https://b.example","kestra_role","r-9"]',
    ]);
  });
});

describe('what a killed provider left, through the journal', () => {
  const leftover = (before: string[]) => {
    const discarded: string[][] = [];
    const journal: CreateJournal = {
      open: () => ({ id: 'now', keep: () => {}, close: () => {} }),
      recordMade: () => false,
      retireMade: () => {},
      retire: () => false,
      leftovers: (key) => (key === 'thing x' ? [{ before, startedAt: '2026-01-01T00:00:00Z', discard: () => void discarded.push(before) }] : []),
    };
    return { journal, discarded };
  };

  test('the object the killed create made is adopted and brought to what is sent now; nothing is sent', async () => {
    const { journal, discarded } = leftover(['theirs']);
    const { target, log } = scriptedServer([], [stranger, { id: 'orphan', name: 'x', note: 'old config' }], { unique: true });
    const made = await createObject(coordinator(journal), target, placeholderSink(), async (t) => t);
    expect(made).toEqual({ id: 'orphan', name: 'x', note: 'adopted leftover' });
    expect(log.filter((l) => l === 'create')).toEqual([]);
    expect(discarded).toEqual([['theirs']]);
  });

  test('a token the killed create made is deleted (its secret died with the provider), then a new one made', async () => {
    const { journal } = leftover(['theirs']);
    const { target, objects, log } = scriptedServer(['made'], [stranger, { id: 'orphan', name: 'x', note: 'sent' }], { secret: true });
    const made = await createObject(coordinator(journal), target, placeholderSink(), async (t) => t);
    expect(log).toContain('discard orphan');
    expect(objects.map((o) => o.id).sort()).toEqual([made.id, 'theirs'].sort());
  });

  test('more than one object unaccounted for: strangers made some, so none is touched', async () => {
    const { journal, discarded } = leftover([]);
    const { target, objects, log } = scriptedServer(['made'], [stranger, { id: 'orphan', name: 'x', note: 'sent' }], { secret: true });
    await createObject(coordinator(journal), target, placeholderSink(), async (t) => t);
    expect(log.filter((l) => l.startsWith('discard'))).toEqual([]);
    expect(objects.map((o) => o.id)).toEqual(['theirs', 'orphan', 'new-1']);
    expect(discarded).toEqual([[]]);
  });
});

describe('settlePlaceholder', () => {
  const pending = { before: ['theirs'], sent_at: '2026-01-01T00:00:00Z' };

  test('the object the failed create made, found among strangers', async () => {
    const { target } = scriptedServer([], [stranger, { id: 'made', name: 'x', note: 'sent' }]);
    await expect(settlePlaceholder(coordinator(), target, pending)).resolves.toMatchObject({ id: 'made' });
  });

  test('nothing made: null once a whole operation has passed without it showing', async () => {
    const { target, log } = scriptedServer([], [stranger]);
    let budget = 500;
    await expect(settlePlaceholder(coordinator(NO_JOURNAL, () => (budget -= 100)), target, pending)).resolves.toBeNull();
    expect(log.filter((l) => l === 'find').length).toBeGreaterThan(1);
  });

  test('a server that cannot be reached leaves the placeholder for later', async () => {
    const { target } = scriptedServer([], [stranger]);
    const down = new KestraConnectionError({ method: 'GET', path: '/x' }, 'ECONNREFUSED', 1, null);
    await expect(settlePlaceholder(coordinator(), { ...target, find: () => Promise.reject(down) }, pending)).rejects.toBe(down);
  });

  test('a placeholder without its note cannot be settled', async () => {
    const { target } = scriptedServer([], [stranger]);
    await expect(settlePlaceholder(coordinator(), target, undefined)).rejects.toMatchObject({ summary: 'placeholder without its create' });
  });
});

describe('fileJournal', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const journalDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'kestra-journal-'));
    dirs.push(dir);
    return join(dir, 'creates');
  };

  test('an entry is on disk while its create is in flight, and gone once closed; this process’s entries are no leftovers', () => {
    const dir = journalDir();
    const journal = fileJournal(dir, () => {});
    const entry = journal.open('k', ['a']);
    expect(readdirSync(dir)).toHaveLength(1);
    expect(journal.leftovers('k')).toEqual([]);
    entry.close();
    expect(readdirSync(dir)).toEqual([]);
  });

  test('an entry of a process that is gone is a leftover of its key, until discarded', () => {
    const dir = journalDir();
    const journal = fileJournal(dir, () => {});
    journal.open('k', []).close(); // creates the directory
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(join(dir, `${dead}-0123456789ab.json`), JSON.stringify({ key: 'k', before: ['a', 'b'], pid: dead, started_at: '2026-01-01T00:00:00.000Z' }));
    writeFileSync(join(dir, `${dead}-ba9876543210.json`), '{"key": "k", "bef'); // cut short by the kill
    expect(journal.leftovers('other')).toEqual([]);
    const [found, ...more] = journal.leftovers('k');
    expect(more).toEqual([]);
    expect(found?.before).toEqual(['a', 'b']);
    found?.discard();
    expect(journal.leftovers('k')).toEqual([]);
  });

  /**
   * Runs a process that opens an entry and keeps it, as a create whose answer is on its way to Terraform, then
   * either ends normally or waits to be killed with SIGKILL (once it has said the entry is kept).
   */
  const keepingProcess = (dir: string, end: 'exit' | 'kill', made?: string) =>
    new Promise<string>((resolve, reject) => {
      const module = pathToFileURL(join(REPO_ROOT, 'dist/provider/kestra/create-journal.js')).href;
      const script = `const { fileJournal } = await import(${JSON.stringify(module)});
        const journal = fileJournal(${JSON.stringify(dir)}, () => {});
        const entry = journal.open('k', ['a']);
        entry.keep();
        const made = ${JSON.stringify(made ?? null)};
        if (made !== null && !journal.recordMade(entry.id, made)) throw new Error('not recorded');
        process.stdout.write(entry.id + '\\n');
        if (${JSON.stringify(end)} === 'kill') setInterval(() => {}, 1000);`;
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      let id = '';
      child.stdout.on('data', (chunk: Buffer) => {
        id += chunk.toString();
        if (id.endsWith('\n') && end === 'kill') child.kill('SIGKILL');
      });
      child.on('error', reject);
      child.on('close', () => resolve(id.trim()));
    });

  test('a kept entry goes when its process ends normally: Terraform had every answer', async () => {
    const dir = journalDir();
    const id = await keepingProcess(dir, 'exit');
    expect(id).toMatch(/\.json$/);
    expect(existsSync(join(dir, id))).toBe(false);
  });

  test('a kept entry of a killed process is a leftover, until a stored state naming it retires it', async () => {
    const dir = journalDir();
    const id = await keepingProcess(dir, 'kill');
    expect(existsSync(join(dir, id))).toBe(true);
    const journal = fileJournal(dir, () => {});
    expect(journal.leftovers('k').map((e) => e.before)).toEqual([['a']]);
    // A private state names no file outside the journal: such a name means nothing, and may go.
    writeFileSync(join(dir, '..', 'outside.json'), '{}');
    expect(journal.retire('../outside.json')).toBe(true);
    expect(existsSync(join(dir, '..', 'outside.json'))).toBe(true);
    expect(journal.retire(id)).toBe(true);
    expect(existsSync(join(dir, id))).toBe(false);
    expect(fileJournal(dir, () => {}).leftovers('k')).toEqual([]);
    // Gone for good, so a state still naming it may drop the name.
    expect(fileJournal(dir, () => {}).retire(id)).toBe(true);
  });

  test('a killed process’s entry that recorded the object it made is a leftover until a stored state of that very object retires it', async () => {
    const dir = journalDir();
    const id = await keepingProcess(dir, 'kill', 'role r-1 of a');
    const [file, ...others] = readdirSync(dir);
    expect(others).toEqual([]);
    // One rename: the same file under a name that carries the object, and no longer the name a state could hold.
    expect(file).toMatch(new RegExp(`^${id.replace('.json', '')}\\.[0-9a-f]{16}\\.json$`));
    expect(JSON.parse(readFileSync(join(dir, file!), 'utf8'))).toMatchObject({ key: 'k', before: ['a'] });
    const journal = fileJournal(dir, () => {});
    expect(journal.leftovers('k').map((e) => e.before)).toEqual([['a']]);
    // Another object, and the same one of another server (two provider aliases share the directory).
    journal.retireMade('role r-2 of a');
    journal.retireMade('role r-1 of b');
    expect(fileJournal(dir, () => {}).leftovers('k')).toHaveLength(1);
    journal.retireMade('role r-1 of a');
    expect(readdirSync(dir)).toEqual([]);
    expect(journal.leftovers('k')).toEqual([]);
  });

  test('only a kept entry of this session records what it made, once; an entry of a live session is not retired by its object', () => {
    const dir = journalDir();
    const journal = fileJournal(dir, () => {});
    const inFlight = journal.open('k', []);
    expect(journal.recordMade(inFlight.id, 'role r-1')).toBe(false);
    inFlight.keep();
    expect(fileJournal(dir, () => {}).recordMade(inFlight.id, 'role r-1')).toBe(false);
    expect(journal.recordMade(inFlight.id, 'role r-1')).toBe(true);
    const [renamed] = readdirSync(dir);
    expect(journal.recordMade(inFlight.id, 'role r-1')).toBe(false);
    expect(journal.recordMade(renamed!, 'role r-1')).toBe(false);
    // This process still serves the session that holds it (a concurrent Terraform in the same directory).
    fileJournal(dir, () => {}).retireMade('role r-1');
    expect(readdirSync(dir)).toEqual([renamed]);
    expect(NO_JOURNAL.recordMade(inFlight.id, 'role r-1')).toBe(false);
  });

  test('a session abandoned after recording what it made leaves that entry marked ended; one that ends normally leaves none', () => {
    const dir = journalDir();
    const first = sessionScope('s1');
    const journal = fileJournal(dir, () => {}, first.scope);
    const entry = journal.open('k', ['a']);
    entry.keep();
    expect(journal.recordMade(entry.id, 'role r-1')).toBe(true);
    first.end(false);
    const later = fileJournal(dir, () => {}, sessionScope('s2').scope);
    expect(readdirSync(dir).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')).ended)).toEqual([true]);
    expect(later.leftovers('k').map((e) => e.before)).toEqual([['a']]);
    later.retireMade('role r-1');
    expect(readdirSync(dir)).toEqual([]);
    const third = sessionScope('s3');
    const answered = fileJournal(dir, () => {}, third.scope);
    const made = answered.open('k', ['b']);
    made.keep();
    expect(answered.recordMade(made.id, 'role r-2')).toBe(true);
    third.end(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('an entry still held by a serving session stays, and so does its name, until that session ends', async () => {
    const dir = journalDir();
    const holder = fileJournal(dir, () => {});
    const entry = holder.open('k', ['a']);
    entry.keep();
    // This very session, and another journal of a live process (a concurrent Terraform in the same directory).
    expect(holder.retire(entry.id)).toBe(false);
    expect(fileJournal(dir, () => {}).retire(entry.id)).toBe(false);
    expect(existsSync(join(dir, entry.id))).toBe(true);
    // A process whose session ended normally left nothing: its names may go.
    const answered = await keepingProcess(dir, 'exit');
    expect(fileJournal(dir, () => {}).retire(answered)).toBe(true);
    // Without a journal the provider cannot tell, and keeps names another process may need.
    expect(NO_JOURNAL.retire(entry.id)).toBe(false);
  });

  /** The scope of one session of a process serving sessions one after another (provider/launch/reuse-server.ts). */
  const served = new Set<string>();
  const sessionScope = (session: string) => {
    let end: (normally: boolean) => void = () => {};
    served.add(session);
    const scope: JournalScope = {
      session,
      isServing: (other) => other !== undefined && served.has(other),
      onEnd: (callback) => (end = callback),
    };
    return { scope, end: (normally: boolean) => (served.delete(session), end(normally)) };
  };

  test('a session abandoned by its Terraform leaves its entries, marked ended, as leftovers for the next session of the same process', () => {
    const dir = journalDir();
    const first = sessionScope('s1');
    const journal = fileJournal(dir, () => {}, first.scope);
    const inFlight = journal.open('k', ['a']);
    const answered = journal.open('k2', ['b']);
    answered.keep();
    const next = sessionScope('s2');
    // While the first session is served, its entries are nobody's leftovers.
    expect(fileJournal(dir, () => {}, next.scope).leftovers('k')).toEqual([]);
    first.end(false);
    // What the abandoned session's calls do as they return changes nothing.
    inFlight.close();
    expect(journal.open('k', []).id).toBe('');
    const later = fileJournal(dir, () => {}, next.scope);
    expect(later.leftovers('k').map((e) => e.before)).toEqual([['a']]);
    expect(later.leftovers('k2').map((e) => e.before)).toEqual([['b']]);
    // Marked on disk, so another process sees them ended although this one lives on.
    expect(readdirSync(dir).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')).ended)).toEqual([true, true]);
  });

  test('a session ended by Terraform’s Shutdown forgets the entries it answered, and leaves the others', () => {
    const dir = journalDir();
    const first = sessionScope('s1');
    const journal = fileJournal(dir, () => {}, first.scope);
    journal.open('k', ['a']).keep();
    journal.open('k2', ['b']);
    first.end(true);
    const later = fileJournal(dir, () => {}, sessionScope('s2').scope);
    expect(later.leftovers('k')).toEqual([]);
    expect(later.leftovers('k2').map((e) => e.before)).toEqual([['b']]);
  });

  test('a directory that cannot be written: creates go on unjournaled, and it says so once', () => {
    const blocker = join(journalDir(), '..', 'a-file');
    writeFileSync(blocker, '');
    const messages: string[] = [];
    const journal = fileJournal(join(blocker, 'creates'), (m) => messages.push(m));
    journal.open('k', []).close();
    journal.open('k', []).close();
    expect(messages).toEqual([expect.stringMatching(/writing an entry failed .*creates are no longer journaled/)]);
  });
});
