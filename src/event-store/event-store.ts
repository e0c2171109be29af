/**
 * The event-store interface. Nothing above it knows which engine runs.
 *
 * Revision numbering (one for every engine): the first event of a stream has revision 0, the n-th
 * has revision n-1. A stream's revision is the revision of its last event; a stream with no event
 * does not exist (`NO_STREAM`, reported as -1 where a number is needed).
 *
 * Global position: a non-negative bigint, strictly increasing in log order, unique per event. The
 * SQLite engine uses a dense sequence starting at 1; the EventStoreDB engine packs the $all
 * `{commit, prepare}` pair as `commit * 2^64 + prepare` (see eventstoredb/eventstoredb-mapping.ts).
 * `START` (0n) is before every event.
 */

export const START: Position = 0n;
export type Position = bigint;

/** -1 for a stream that does not exist yet. */
export const NO_REVISION = -1;

export type ExpectedRevision =
  | 'no_stream' // the stream must not exist
  | 'stream_exists' // the stream must exist, at any revision
  | number; // the stream's revision must be exactly this (-1 means no_stream)

export interface EventMetadata {
  commandId: string;
  correlationId: string;
  causationId: string;
  /** The domain actor on whose behalf the act was done (actor id), if any. */
  actingActorId?: string;
  /** The authenticated principal (token subject) that sent the command. */
  principal: string;
  /** When it happened in the world, ISO-8601. */
  occurredAt: string;
  schemaVersion: number;
  /** SHA-256 of the command's payload, so a reused command id with another payload is caught. */
  commandHash?: string;
  /** `import` when the act was brought in from a file (src/import/); absent for acts sent one by one. */
  source?: 'import';
  /** The file and row an imported act comes from. */
  importBatch?: ImportBatchRef;
}

/** Names an import batch in each event it recorded: the file (by name and SHA-256) and the row. */
export interface ImportBatchRef {
  /** `import-` and the first 16 hex digits of the file's SHA-256: the batch's id in the audit trail. */
  batchId: string;
  fileName: string;
  fileHash: string;
  sheet: string;
  row: number;
  /** Token subject of whoever ran the import. */
  importedBy: string;
}

/** What a caller appends. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  /** UUID; derived from the command id by the command handler, so retries are no-ops. */
  id: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
}

/** Any event of the log, as the store knows it: a type name and its data. */
export interface EventShape {
  type: string;
  data: unknown;
}

/**
 * What the store gives back: the event as recorded, with its place in the log and its chain link.
 * Generic over a feature's event union: the intersection distributes over the union, so `type` and
 * `data` stay correlated and a `switch (event.type)` types `event.data`, and a `RecordedEvent<E>` is
 * an `E` (a decider folds it as it is). The default reads any event. The store returns the default;
 * a feature narrows with its guard built by `isEventOf`.
 */
export type RecordedEvent<E extends EventShape = EventShape> = E & Omit<NewEvent, 'type' | 'data'> & RecordedPlace;

/** Every event type of a union, each named once: the compiler rejects a missing or a foreign one. */
export type EventTypes<E extends EventShape> = { readonly [T in E['type']]: true };

/** A guard that narrows a recorded event to a union, carrying the union's event types. */
export interface EventGuard<E extends EventShape> {
  (event: RecordedEvent): event is RecordedEvent<E>;
  /** The union's event types, the one list the guard was made from (a feature's `stream()` reads it). */
  readonly types: EventTypes<E>;
}

/**
 * Narrows a recorded event to a feature's union. The record names every event type of the union,
 * no more and no less (the compiler checks it), so the guard cannot drift from the union; it is the
 * decider's one list of event types (its feature's `stream()` reads it from the guard).
 */
export function isEventOf<E extends EventShape>(types: EventTypes<E>): EventGuard<E> {
  const guard = (event: RecordedEvent): event is RecordedEvent<E> => Object.hasOwn(types, event.type);
  return Object.assign(guard, { types });
}

/** The part of a recorded event the store adds to what was appended. */
export interface RecordedPlace {
  streamId: string;
  revision: number;
  position: Position;
  /** When the store recorded it, ISO-8601 with milliseconds, UTC. */
  recordedAt: string;
  /** Hash of the previous event of the stream (64 zeros for revision 0). */
  prevHash: string;
  /** SHA-256 (hex) of the canonical encoding of this event and prevHash. */
  hash: string;
  /**
   * Set when the stored event cannot be decoded (damaged storage): why. Its `data` (and `metadata`,
   * when that is the damaged part) then hold the stored text as found. Readers report it as a
   * finding at its position (`DamagedEventError`, verification, export) instead of using it.
   */
  damage?: string;
}

/** Where a stream stands: what a cached folded state is checked against before deciding. */
export interface StreamHead {
  revision: number;
  eventId: string;
}

export interface AppendResult {
  /** Revision of the stream after the append (of its last event). */
  nextRevision: number;
  /** Global position of the last appended event. */
  position: Position;
  /**
   * Present (true) when every event of the batch was already in the stream with the same content:
   * nothing was appended, this is the first append's result. Lets a caller that lost a race to an
   * identical append (another instance delivering the same retry) answer as a replay.
   */
  replayed?: true;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive; default: the first event (forwards) or the last (backwards). */
  fromRevision?: number;
  /** Inclusive bound in the direction of reading. */
  toRevision?: number;
  /** Time travel: only events recorded at or before this instant (ISO-8601). */
  recordedUntil?: string;
  maxCount?: number;
}

export interface EventFilter {
  /** Stream categories (the part of the stream id before the first dash). */
  categories?: readonly string[];
  eventTypes?: readonly string[];
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Default START. */
  after?: Position;
  /** Page size (default 1000, at most 10000). */
  limit?: number;
  filter?: EventFilter;
}

export interface ReadAllPage {
  events: RecordedEvent[];
  /**
   * Everything up to this position has been examined (including events the filter dropped):
   * the `after` of the next page. Equals the input `after` when nothing new exists.
   */
  lastPosition: Position;
  /** True when this page reached the end of the log as it stood when read. */
  isEnd: boolean;
}

/** Sent by a subscription when it has examined the log up to `position` (also past filtered-out events). */
export interface PositionReached {
  readonly kind: 'positionReached';
  readonly position: Position;
  /** True when the subscription has caught up with the live end of the log. */
  readonly caughtUp: boolean;
}

export type SubscriptionItem = RecordedEvent | PositionReached;

export function isPositionReached(item: SubscriptionItem): item is PositionReached {
  return (item as PositionReached).kind === 'positionReached';
}

export interface SubscribeOptions {
  /** Exclusive: deliver events strictly after this position. Default START. */
  after?: Position;
  filter?: EventFilter;
}

/**
 * Catch-up, then live. Pull-based: nothing is read ahead of what the consumer takes
 * beyond one page, so a slow consumer slows the subscription down instead of filling memory.
 */
export interface Subscription extends AsyncIterable<SubscriptionItem> {
  close(): Promise<void>;
}

export interface EventStore {
  readonly engine: 'sqlite' | 'eventstoredb';

  /** Atomic; idempotent on event ids (see README of the interface in docs/architecture.md). */
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;

  /** Empty array when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  readAll(options?: ReadAllOptions): Promise<ReadAllPage>;

  /**
   * The event with this id, wherever it is, by an index (undefined when none). Optional: an engine
   * without an index by event id leaves it out, and the command handler then recognises a retried
   * command by reading its stream.
   */
  findEvent?(eventId: string): Promise<RecordedEvent | undefined>;

  /**
   * The revision and event id of a stream's last event (undefined when the stream does not exist),
   * without decoding it. Optional: the command handler otherwise reads the last event with readStream.
   */
  streamHead?(streamId: string): Promise<StreamHead | undefined>;

  subscribeToAll(options?: SubscribeOptions): Subscription;

  /** Position of the last event in the log (START when empty). */
  headPosition(): Promise<Position>;

  close(): Promise<void>;
}

export function categoryOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash === -1 ? streamId : streamId.slice(0, dash);
}
