/**
 * The one way every resource creates an object, built for a create call whose outcome the provider cannot
 * know (its answer lost, a timeout, a 5xx, a 2xx that cannot be read):
 *
 * 1. Creates of one object identity (same server, scope and name or grant) run one at a time in a provider
 *    process, so an object of that identity appearing during a create was made by it, not by a sibling.
 * 2. Before sending, it notes which objects of that identity exist already: those are never adopted, changed or
 *    deleted (a stranger with the same name). It journals that note to disk until the outcome is handed to
 *    Terraform, so the next create from the same working directory can settle what a killed provider left.
 * 3. After an unknown outcome it looks for an object that appeared since and carries what it sent. Found: it is
 *    this create's, and is adopted (a token, whose secret was lost with the answer, is deleted and made again).
 *    Not found: while the server may still be working on the request (a timeout, a lost connection) it waits
 *    and looks again, for the rest of the operation's timeout, and never sends the create a second time. It
 *    sends again only when that cannot duplicate (the server refuses a second object of the identity, or it
 *    answered and shows nothing).
 * 4. When the outcome stays unknown, it fails with "may or may not have been created" and leaves Terraform a
 *    placeholder that remembers step 2's note: the next refresh looks again (`settlePlaceholder`) and either
 *    finds the object (Terraform then replaces it, as after any failed create) or drops the placeholder. Later
 *    creates of that identity in the same process are refused unsent, so the look of the next refresh meets no
 *    sibling made after the lost one.
 * 5. The journal entry outlives the create until Terraform holds its outcome. Before the outcome goes to
 *    Terraform, the entry records the object it made (`recordCreated`), and a later process that is handed
 *    the stored state of that object retires it. Where it cannot, the resource's private state names the entry
 *    (`create_entry`) instead, until a later process retires it and drops the name: Terraform copies the
 *    private state with every change to the state, and writes it again with every write.
 */
// errors.js, not the client's index: the provider loads the HTTP client only once it is configured.
import { isKestraError, KestraAmbiguousWriteError } from '../client/errors.js';
import { ResourceError, type JsonObject } from '../framework/index.js';
import type { CreateJournal } from './create-journal.js';

/** One create, as the protocol needs it; `F` is an object as `find` lists it, `T` as `create` returns it. */
export interface CreateTarget<T, F extends { readonly id: string }> {
  /** What is made, for messages: `service account "ci-bot"`. */
  readonly what: string;
  /** Server, kind, scope and identity: creates with the same key are the ones only time could tell apart. */
  readonly key: string;
  /** The server refuses a second object with this identity (409): sending the create again cannot duplicate it. */
  readonly unique?: boolean;
  create(): Promise<T>;
  /** Every object of this identity that exists now. */
  find(): Promise<readonly F[]>;
  /** Whether a found object carries what this create sends; only then can it be the one this create made. */
  sentBy?(found: F): boolean | Promise<boolean>;
  /**
   * The object as `create` returns it, for one found to be this create's (`leftover`: made by a killed run, so
   * brought to what is sent now). Absent for objects useless without their create answer (a token, whose
   * secret only that answer held): a found one is then deleted, and the create sent again.
   */
  adopt?(found: F, leftover: boolean): Promise<T>;
  /** Deletes an object this provider made and will not keep. */
  discard(found: F): Promise<void>;
}

/** What a placeholder remembers of the create that left it: it goes into the resource's private state. */
export type PendingCreate = { readonly before: readonly string[]; readonly sent_at: string } & JsonObject;

/** Where the protocol records a placeholder when the outcome stays unknown: the resource's apply context. */
export interface PlaceholderSink {
  /** The resource's private state: the placeholder's note, and the journal entry of the create (see `retireCreateEntry`). */
  readonly private: { pending_create?: PendingCreate; create_entry?: string };
  /** Records the resource's placeholder (its planned values, without the id the server never told). */
  recordPlaceholder(): void;
  /** What the user is told happens next. */
  readonly next: string;
}

/** For what Terraform keeps no state of (an ephemeral resource): nothing is recorded, and `next` says what becomes of the object. */
export function noPlaceholder(next: string): PlaceholderSink {
  return { private: {}, recordPlaceholder: () => {}, next };
}

/** The provider-wide part: the in-process queue per identity, the journal, and the clock of the operation. */
export interface CreateCoordinator {
  readonly journal: CreateJournal;
  /** Milliseconds left in the current operation's timeout. */
  remainingMs(): number;
  /** Runs `work` after every earlier create of `key` in this process has finished. */
  serialize<R>(key: string, work: () => Promise<R>): Promise<R>;
  /** Identities with a create of unknown outcome in this process: no further create of them is sent. */
  readonly unsettled: Set<string>;
}

export function createCoordinator(journal: CreateJournal, remainingMs: () => number): CreateCoordinator {
  const queues = new Map<string, Promise<unknown>>();
  return {
    journal,
    remainingMs,
    unsettled: new Set(),
    async serialize(key, work) {
      const previous = queues.get(key) ?? Promise.resolve();
      const run = previous.then(work, work);
      const settled = run.catch(() => undefined);
      queues.set(key, settled);
      try {
        return await run;
      } finally {
        if (queues.get(key) === settled) queues.delete(key);
      }
    },
  };
}

/** Attempts of one create, when a second attempt is safe (see `sendUntilKnown`). */
const MAX_ATTEMPTS = 3;
/** Between two looks for an object whose create may still be running; doubles up to the ceiling. */
const FIRST_LOOK_DELAY_MS = 100;
const MAX_LOOK_DELAY_MS = 1_000;

/**
 * Creates the object and runs `then` on it (further calls that complete it), both while the journal entry
 * stands. `then` should record a partial state before a call that can fail, so the object is not forgotten.
 */
export async function createObject<T, F extends { readonly id: string }, R>(
  coordinator: CreateCoordinator,
  target: CreateTarget<T, F>,
  placeholder: PlaceholderSink,
  then: (made: T) => Promise<R>,
): Promise<R> {
  return coordinator.serialize(target.key, async () => {
    if (coordinator.unsettled.has(target.key)) throw afterUnknown(target);
    const leftover = await settleLeftovers(coordinator.journal, target);
    if (leftover !== undefined) return then(leftover);
    const before = new Set((await target.find()).map((f) => f.id));
    if (target.unique && before.size > 0) throw existsAlready(target, [...before]);
    const entry = coordinator.journal.open(target.key, [...before]);
    const noted = placeholder.private.pending_create;
    let made: T;
    try {
      made = await sendUntilKnown(coordinator, target, before, placeholder);
    } catch (error) {
      // A new note means the outcome is unknown and a placeholder goes to Terraform; else nothing was made.
      if (placeholder.private.pending_create === noted) entry.close();
      else {
        coordinator.unsettled.add(target.key);
        entry.keep();
        placeholder.private.create_entry = entry.id;
      }
      throw error;
    }
    entry.keep();
    placeholder.private.create_entry = entry.id;
    return then(made);
  });
}

/** A state of resource type `type` of the server at `endpoint`, as seen by the journal. */
export interface StateOf {
  readonly endpoint: string;
  readonly type: string;
  readonly state: Readonly<Record<string, unknown>>;
}

/** The object a state stands for, to the journal: server, resource type and id (aliases of one directory share it). */
const madeObject = ({ endpoint, type, state }: StateOf): string | undefined => (typeof state.id === 'string' ? objectKey(endpoint, type, state.id) : undefined);

/**
 * For the state a create made, about to go to Terraform: the entry its private state names records the object
 * instead, and the name goes.
 */
export function recordCreated(coordinator: CreateCoordinator, created: StateOf, data: Record<string, unknown>): void {
  const made = madeObject(created);
  if (typeof data.create_entry === 'string' && made !== undefined && coordinator.journal.recordMade(data.create_entry, made)) delete data.create_entry;
}

/**
 * Forgets the journal entries of the create that made the object of a stored state: Terraform holds that
 * create's outcome. The entry its private state names goes too, and so does the name, once the entry is gone
 * for good. Called with every stored state the provider is handed, before anything else reads it.
 */
export function retireCreateEntry(coordinator: CreateCoordinator, stored: StateOf, data: Record<string, unknown>): void {
  const made = madeObject(stored);
  if (made !== undefined) coordinator.journal.retireMade(made);
  if (typeof data.create_entry === 'string' && coordinator.journal.retire(data.create_entry)) delete data.create_entry;
}

/**
 * Settles a placeholder on the next refresh: the object the failed create made, or null when it made none.
 * The create is taken as never made when nothing has appeared for a whole further operation's timeout.
 */
export async function settlePlaceholder<T, F extends { readonly id: string }>(
  coordinator: CreateCoordinator,
  target: CreateTarget<T, F>,
  pending: PendingCreate | undefined,
): Promise<F | null> {
  if (pending === undefined) {
    throw new ResourceError('placeholder without its create', `The placeholder of the ${target.what} does not say what existed before its create; import the object, or remove it from the state.`);
  }
  const look = await lookForNew(coordinator, target, new Set(pending.before), true);
  if (look.kind === 'found') return look.found;
  if (look.kind === 'several') throw cannotTell(target, look.ids);
  if (look.kind === 'unreachable') throw look.error;
  return null;
}

/** An error that ends a create as it is, with no placeholder: the outcome is known, or no later look could tell. */
class Settled {
  constructor(readonly error: unknown) {}
}

async function sendUntilKnown<T, F extends { readonly id: string }>(
  coordinator: CreateCoordinator,
  target: CreateTarget<T, F>,
  before: Set<string>,
  placeholder: PlaceholderSink,
): Promise<T> {
  const sentAt = new Date().toISOString();
  let unknown: KestraAmbiguousWriteError | undefined;
  let lastFailure: string | undefined;
  try {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      let refused: unknown;
      try {
        return await target.create();
      } catch (error) {
        // A unique name refused after an unknown attempt: that attempt made the object, or a stranger took the name.
        if (unknown !== undefined && target.unique === true && isKestraError(error, 'KESTRA_CONFLICT')) refused = error;
        else if (error instanceof KestraAmbiguousWriteError) unknown = error;
        else throw error;
      }
      const answered = unknown?.answered === true;
      const look = await lookForNew(coordinator, target, before, !target.unique && !answered);
      if (look.kind === 'found') {
        if (target.adopt !== undefined) return await target.adopt(look.found, false);
        await target.discard(look.found); // that attempt is done and undone: sending again cannot duplicate it
        continue;
      }
      if (look.kind === 'several') throw new Settled(cannotTell(target, look.ids));
      if (refused !== undefined && look.kind === 'none') throw new Settled(refused);
      if (look.kind === 'unreachable') lastFailure = messageOf(look.error);
      if (look.kind === 'unreachable' || !(target.unique || answered)) break;
    }
  } catch (error) {
    if (error instanceof Settled) throw error.error;
    // Once an attempt's outcome is unknown, any later failure (a look, an adoption, a second send) leaves it so.
    if (unknown === undefined) throw error;
    lastFailure = messageOf(error);
  }
  placeholder.private.pending_create = { before: [...before], sent_at: sentAt };
  placeholder.recordPlaceholder();
  throw new ResourceError(
    `${target.what} may or may not have been created`,
    `The server did not say whether it made the ${target.what}${unknown ? ` (${unknown.message})` : ''}, and the provider could not settle it ` +
      `before the timeout ran out${lastFailure ? ` (${lastFailure})` : ''}. It was not sent again, so no duplicate can appear. ${placeholder.next}`,
  );
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

type Look<F> =
  | { kind: 'found'; found: F }
  | { kind: 'none' }
  | { kind: 'several'; ids: string[] }
  | { kind: 'unreachable'; error: unknown };

/**
 * Looks for the object this create made: one that appeared since `before` and carries what was sent. With
 * `wait`, looks again at growing intervals until the operation's timeout leaves no room for another look.
 */
async function lookForNew<T, F extends { readonly id: string }>(
  coordinator: CreateCoordinator,
  target: CreateTarget<T, F>,
  before: ReadonlySet<string>,
  wait: boolean,
): Promise<Look<F>> {
  for (let delay = FIRST_LOOK_DELAY_MS; ; delay = Math.min(2 * delay, MAX_LOOK_DELAY_MS)) {
    let mine: F[];
    try {
      const fresh = (await target.find()).filter((f) => !before.has(f.id));
      mine = [];
      for (const candidate of fresh) if (target.sentBy === undefined || (await target.sentBy(candidate))) mine.push(candidate);
    } catch (error) {
      return { kind: 'unreachable', error };
    }
    const [first, ...more] = mine;
    if (first !== undefined) return more.length === 0 ? { kind: 'found', found: first } : { kind: 'several', ids: mine.map((f) => f.id) };
    // Stop while a look still fits: a look started with no time left would fail and say nothing.
    if (!wait || coordinator.remainingMs() < 2 * delay) return { kind: 'none' };
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/**
 * Objects that creates killed mid-flight left, found through their journal entries, newest first: each made at
 * most one object, absent from its entry's note. The first is adopted (deleted, for a token), later ones are
 * surplus and deleted. An entry after which more than one unclaimed object appeared is dropped and nothing it
 * might cover is touched: strangers made objects of that identity too.
 */
async function settleLeftovers<T, F extends { readonly id: string }>(journal: CreateJournal, target: CreateTarget<T, F>): Promise<T | undefined> {
  const entries = journal.leftovers(target.key).reverse();
  if (entries.length === 0) return undefined;
  const existing = await target.find();
  const claimed = new Set<string>();
  let adopted: T | undefined;
  for (const entry of entries) {
    const before = new Set(entry.before);
    const [only, ...more] = existing.filter((f) => !before.has(f.id) && !claimed.has(f.id));
    if (only !== undefined && more.length === 0) {
      claimed.add(only.id);
      if (target.adopt !== undefined && adopted === undefined) adopted = await target.adopt(only, true);
      else await target.discard(only);
    }
    entry.discard();
  }
  return adopted;
}

function afterUnknown(target: CreateTarget<unknown, { readonly id: string }>): ResourceError {
  return new ResourceError(
    `${target.what} not created`,
    `An earlier create of the same ${target.what} in this apply may or may not have been made, and the next refresh must find it before ` +
      'another one exists: nothing was sent. Apply again: the next plan settles the earlier one, then creates this one.',
  );
}

function existsAlready(target: CreateTarget<unknown, { readonly id: string }>, ids: string[]): ResourceError {
  return new ResourceError(
    `${target.what} already exists`,
    `The server already holds a ${target.what} (id ${ids.join(', ')}), and the name must be unique. The provider does not take over an object ` +
      'this create did not make: if it is the one this configuration replaces (create_before_destroy), destroy it first; if it is meant to be ' +
      'managed here, import it (`terraform import` with that id); otherwise choose another name.',
  );
}

function cannotTell(target: CreateTarget<unknown, { readonly id: string }>, ids: string[]): ResourceError {
  return new ResourceError(
    `cannot tell which ${target.what} this create made`,
    `Objects ${ids.join(', ')} appeared during the create, each like the ${target.what} it sent (another client created the same object at the same time). ` +
      'The provider adopts, changes and deletes none of them: import the one to manage, and delete the others if they are not wanted.',
  );
}

/** The key of an object identity: the server, then the kind, scope and identity parts, each quoted so none can run into the next. */
export function objectKey(endpoint: string, ...parts: readonly (string | null)[]): string {
  return JSON.stringify([endpoint, ...parts]);
}

/** The sink of a resource's create: its private state, and the placeholder (the plan without the id) to record. */
export function placeholderSink<S>(ctx: { readonly private: { pending_create?: PendingCreate }; recordPartialState(state: S): void }, placeholder: S): PlaceholderSink {
  return {
    private: ctx.private,
    recordPlaceholder: () => ctx.recordPartialState(placeholder),
    next: 'Terraform keeps a placeholder: the next plan or apply looks for the object again, replaces it if it was made, and creates it if it was not.',
  };
}
