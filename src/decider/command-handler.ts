import { createHash } from 'node:crypto';
import type { EventGuard, EventMetadata, EventStore, ImportBatchRef, NewEvent, Position, RecordedEvent } from '../event-store/event-store.js';
import { NO_REVISION } from '../event-store/event-store.js';
import { assertIntact, ConcurrencyError, IdempotencyConflictError } from '../event-store/errors.js';
import { canonicalJson } from '../event-store/hash-chain.js';
import { fold, type Decider, type DomainEvent } from './decider.js';
import { CommandIdReusedError } from './errors.js';
import type { StreamStateCache } from './stream-state-cache.js';

/** Who sends the command, when, and under which id: everything decide must not look up itself. */
export interface CommandContext {
  /** Client-chosen id (UUID); a retry with the same id appends nothing and returns the first result. */
  commandId: string;
  principal: string;
  actingActorId?: string;
  correlationId?: string;
  causationId?: string;
  /** When it happened in the world (the date on the signed paper); ISO-8601. */
  occurredAt: string;
  /** The revision the client's screen was loaded at: if the stream moved on, CONFLICT without retry. */
  expectedRevision?: number;
  /**
   * What the client sent for this command (its input as received, JSON values). When present, a retry
   * is recognised on it alone (with the stream, the command type and the principal), never on values
   * the server filled in (a default occurredAt, today, facts read from read models), so a retry is
   * recognised whichever instance, and at whatever time, receives it. Absent for commands the
   * service sends itself (derived ids): those are recognised on the whole command.
   */
  request?: unknown;
  /** Set when the command comes from an import file: recorded in each event's metadata with source `import`. */
  importBatch?: ImportBatchRef;
}

export interface CommandResult<State, Event extends DomainEvent> {
  streamId: string;
  /** Stream revision after the command (-1: the stream still does not exist). */
  revision: number;
  /** Global position of the last event appended (or found, on a retry); undefined when nothing was appended. */
  position?: Position;
  /** The events the command led to (on a replay, those it led to the first time). */
  events: Event[];
  state: State;
  /** True when the command id had already been handled and nothing new was appended. */
  replayed: boolean;
}

export interface CommandHandlerOptions {
  /** How many times to reload and decide again after losing a race (default 5). */
  maxAttempts?: number;
  schemaVersion?: number;
  /** Folded states of recent streams, shared by the handlers of a process; without it every command reloads its stream. */
  stateCache?: StreamStateCache;
}

/** What a command is decided on: the stream's state at its head, or the earlier run of this very command. */
type Loaded<State> = { revision: number; state: State; commandIds?: Set<string> } | { history: RecordedEvent[]; earlier: RecordedEvent[] };

let handlers = 0;

/**
 * Load the stream, decide, append at the revision the decision was made on. Losing a race means
 * reloading and deciding again, a bounded number of times; the rules in decide then judge whether
 * the command still holds.
 */
export class CommandHandler<Command, Event extends DomainEvent, State> {
  private readonly maxAttempts: number;
  private readonly schemaVersion: number;
  private readonly cache?: StreamStateCache;
  /** Each handler has its decider: states folded by different deciders never share a cache key. */
  private readonly cachePrefix = `${++handlers}:`;

  constructor(
    private readonly store: EventStore,
    private readonly decider: Decider<Command, Event, State>,
    options: CommandHandlerOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 5;
    this.schemaVersion = options.schemaVersion ?? 1;
    this.cache = options.stateCache;
  }

  async handle(streamId: string, command: Command, context: CommandContext): Promise<CommandResult<State, Event>> {
    const hashes = commandFingerprint(streamId, command, context);
    const commandHash = hashes.recorded;
    // Its first event's id (a SHA-1): looked up before deciding, then the id it is appended under.
    const firstEventId = eventIdFor(context.commandId, 0);
    let lastConflict: unknown;
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      const loaded = await this.load(streamId, context.commandId, firstEventId);
      if ('earlier' in loaded) return this.replay(streamId, loaded.history, loaded.earlier, hashes, context.commandId);

      const { revision, state, commandIds } = loaded;
      if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
        throw new ConcurrencyError(streamId, context.expectedRevision, revision);
      }
      const decided = this.decider.decide(command, state);
      if (decided.length === 0) return { streamId, revision, events: [], state, replayed: false };

      const events = decided.map((event, index) =>
        this.toNewEvent(event, index === 0 ? firstEventId : eventIdFor(context.commandId, index), context, commandHash),
      );
      try {
        const result = await this.store.append(streamId, events, revision === NO_REVISION ? 'no_stream' : revision);
        // Another delivery of this command (possibly on another instance) appended the same events first.
        if (result.replayed) return this.replayAfterRace(streamId, hashes, context.commandId);
        const newState = decided.reduce(this.decider.evolve, state);
        commandIds?.add(context.commandId);
        this.remember(streamId, result.nextRevision, events[events.length - 1].id, newState, commandIds);
        return { streamId, revision: result.nextRevision, position: result.position, events: decided, state: newState, replayed: false };
      } catch (error) {
        // Same ids, other content: either another delivery of this command won the race with
        // server-filled values of its own (judged on the command hash), or the id was reused.
        if (error instanceof IdempotencyConflictError) return this.replayAfterRace(streamId, hashes, context.commandId);
        if (error instanceof ConcurrencyError) this.cache?.delete(this.cachePrefix + streamId);
        if (!(error instanceof ConcurrencyError) || context.expectedRevision !== undefined) throw error;
        lastConflict = error;
      }
    }
    throw lastConflict;
  }

  /**
   * The state to decide on, without reading the stream's history when possible: a retry is found by
   * the id of its first event (an index), and the folded state comes from the cache when the
   * stream's head (one indexed read) is still the event it was folded up to.
   */
  private async load(streamId: string, commandId: string, firstEventId: string): Promise<Loaded<State>> {
    // An engine without a cheap stream head finds retries by reading the stream (as before the cache).
    if (!this.store.streamHead) return this.loadWhole(streamId, commandId);
    if (!this.store.findEvent) return this.loadWithoutEventIndex(streamId, commandId);
    const first = await this.store.findEvent(firstEventId);
    // In another stream: decided as new; the store then refuses the ids and the retry path names the reuse.
    if (first?.streamId === streamId) return this.loadWhole(streamId, commandId);
    const key = this.cachePrefix + streamId;
    const head = await this.store.streamHead(streamId);
    if (head === undefined) {
      this.cache?.delete(key);
      return { revision: NO_REVISION, state: this.decider.initialState() };
    }
    const cached = this.cache?.get(key);
    if (cached && cached.revision === head.revision && cached.headEventId === head.eventId) return { revision: head.revision, state: cached.state as State };
    return this.loadWhole(streamId, commandId);
  }

  /**
   * The same without an index by event id (EventStoreDB): the cache entry keeps the stream's command
   * ids, so a retry is recognised from it; when another writer moved the head, only the events after
   * the cached one are read and folded in. A command's cost does not grow with its stream either way.
   */
  private async loadWithoutEventIndex(streamId: string, commandId: string): Promise<Loaded<State>> {
    const key = this.cachePrefix + streamId;
    const head = await this.store.streamHead!(streamId);
    if (head === undefined) {
      this.cache?.delete(key);
      return { revision: NO_REVISION, state: this.decider.initialState(), commandIds: new Set() };
    }
    const cached = this.cache?.get(key);
    if (!cached?.commandIds || head.revision < cached.revision) return this.loadWhole(streamId, commandId);
    if (cached.revision === head.revision && cached.headEventId === head.eventId) {
      if (cached.commandIds.has(commandId)) return this.loadWhole(streamId, commandId);
      return { revision: head.revision, state: cached.state as State, commandIds: cached.commandIds };
    }
    // From the cached head on: it must still be the event the state was folded up to, and revisions contiguous.
    const later = assertIntact(await this.store.readStream(streamId, { fromRevision: cached.revision })) as RecordedEvent[];
    const contiguous = later[0]?.id === cached.headEventId && later.every((event, i) => event.revision === cached.revision + i);
    if (!contiguous || later.length < 2) return this.loadWhole(streamId, commandId);
    const added = later.slice(1);
    if (added.some((event) => event.metadata.commandId === commandId)) return this.loadWhole(streamId, commandId);
    const state = asDomainEvents(added, this.decider.events).reduce(this.decider.evolve, cached.state as State);
    for (const event of added) cached.commandIds.add(event.metadata.commandId);
    const last = later[later.length - 1];
    this.remember(streamId, last.revision, last.id, state, cached.commandIds);
    return { revision: last.revision, state, commandIds: cached.commandIds };
  }

  private async loadWhole(streamId: string, commandId: string): Promise<Loaded<State>> {
    const history = assertIntact(await this.store.readStream(streamId)) as RecordedEvent[];
    const earlier = history.filter((event) => event.metadata.commandId === commandId);
    if (earlier.length > 0) return { history, earlier };
    const state = fold(this.decider, asDomainEvents(history, this.decider.events));
    const commandIds = this.store.findEvent ? undefined : new Set(history.map((event) => event.metadata.commandId));
    const last = history[history.length - 1];
    if (last === undefined) return { revision: NO_REVISION, state, commandIds };
    this.remember(streamId, last.revision, last.id, state, commandIds);
    return { revision: last.revision, state, commandIds };
  }

  private remember(streamId: string, revision: number, headEventId: string, state: State, commandIds?: Set<string>): void {
    this.cache?.set(this.cachePrefix + streamId, { revision, headEventId, state, commandIds });
  }

  private async replayAfterRace(streamId: string, hashes: CommandFingerprint, commandId: string): Promise<CommandResult<State, Event>> {
    const history = assertIntact(await this.store.readStream(streamId)) as RecordedEvent[];
    const earlier = history.filter((event) => event.metadata.commandId === commandId);
    if (earlier.length === 0) throw new CommandIdReusedError(commandId); // its events are in another stream
    return this.replay(streamId, history, earlier, hashes, commandId);
  }

  private replay(
    streamId: string,
    history: RecordedEvent[],
    earlier: RecordedEvent[],
    hashes: CommandFingerprint,
    commandId: string,
  ): CommandResult<State, Event> {
    if (earlier.some((event) => !hashes.matches(event.metadata.commandHash ?? ''))) throw new CommandIdReusedError(commandId);
    const last = earlier[earlier.length - 1];
    const state = fold(this.decider, asDomainEvents(history.slice(0, last.revision + 1), this.decider.events));
    const events = earlier.map((event) => ({ type: event.type, data: event.data }) as Event);
    return { streamId, revision: last.revision, position: last.position, events, state, replayed: true };
  }

  private toNewEvent(event: Event, id: string, context: CommandContext, commandHash: string): NewEvent {
    const metadata: EventMetadata = {
      commandId: context.commandId,
      correlationId: context.correlationId ?? context.commandId,
      causationId: context.causationId ?? context.commandId,
      principal: context.principal,
      occurredAt: context.occurredAt,
      schemaVersion: this.schemaVersion,
      commandHash,
    };
    if (context.actingActorId !== undefined) metadata.actingActorId = context.actingActorId;
    if (context.importBatch !== undefined) {
      metadata.source = 'import';
      metadata.importBatch = context.importBatch;
    }
    return { id, type: event.type, data: event.data, metadata };
  }
}

/**
 * Event ids derive from the command id alone (name-based UUID, version 5 layout over SHA-1 of
 * the command id and the event's index), so a retried command produces the same ids and the
 * store treats it as a no-op, and a command id reused on another stream is caught by the store.
 */
export function eventIdFor(commandId: string, index: number): string {
  return nameBasedUuid(`scoran-ledger/event:${commandId}:${index}`);
}

/**
 * The id of a command sent on behalf of another (a calendar entry of a convention, a follow-up of a
 * decision): deterministic, so re-sending after a crash or a retry is recognised as the same command.
 */
export function derivedCommandId(origin: string, label: string): string {
  return nameBasedUuid(`scoran-ledger/command:${origin}:${label}`);
}

function nameBasedUuid(name: string): string {
  const bytes = createHash('sha1').update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A recorded event is its domain event (type and data) plus where and when it was recorded. A
 * stream holding an event its decider does not know cannot be folded: it is refused, not skipped.
 */
function asDomainEvents<Event extends DomainEvent>(events: readonly RecordedEvent[], isEvent: EventGuard<Event>): RecordedEvent<Event>[] {
  return events.map((event) => {
    if (!isEvent(event)) throw new Error(`${event.streamId} holds a ${event.type} event at revision ${event.revision}, which its decider does not know`);
    return event;
  });
}

/** The fingerprint recorded in the command's events, and the test a recorded one must pass for a replay. */
interface CommandFingerprint {
  recorded: string;
  matches(recordedEarlier: string): boolean;
}

/**
 * The fingerprint a retry is recognised by. With the client's request: stream, command type,
 * principal and exactly what the client sent. Without: the whole command. The whole-command hash
 * is also accepted on a replay, as logs recorded before the request-based fingerprint existed carry
 * it; it is computed only then (a replay is rare, every command would pay for it).
 */
function commandFingerprint(streamId: string, command: unknown, context: Pick<CommandContext, 'request' | 'principal'>): CommandFingerprint {
  let wholeHash: string | undefined;
  const whole = () => (wholeHash ??= sha256(canonicalJson({ streamId, command })));
  if (context.request === undefined) return { recorded: whole(), matches: (hash) => hash === whole() };
  const type = (command as { type?: unknown } | null)?.type;
  const requested = sha256(canonicalJson({ streamId, type, principal: context.principal, request: context.request }));
  return { recorded: requested, matches: (hash) => hash === requested || hash === whole() };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
