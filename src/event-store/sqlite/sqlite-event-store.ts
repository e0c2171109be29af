import Database from 'better-sqlite3';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  categoryOf,
  NO_REVISION,
  START,
  type AppendResult,
  type EventFilter,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type Position,
  type ReadAllOptions,
  type ReadAllPage,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamHead,
  type SubscribeOptions,
  type Subscription,
  type SubscriptionItem,
} from '../event-store.js';
import { ConcurrencyError, IdempotencyConflictError, InvalidAppendError, StoreOpenError } from '../errors.js';
import { GENESIS_HASH, hashEncodedEvent } from '../hash-chain.js';
import { encodeBatch, type EncodedEvent } from '../new-events.js';

export type SqliteSynchronous = 'FULL' | 'NORMAL';

export interface SqliteEventStoreOptions {
  /** File path, or ':memory:' for throw-away stores in unit tests. */
  path: string;
  /** FULL (default): every commit survives a power loss. NORMAL: faster; WAL keeps the file consistent, the last commits may be lost on power loss. */
  synchronous?: SqliteSynchronous;
  /** How often a live subscription looks for events appended by another process (ms). */
  pollIntervalMs?: number;
  /** Injected clock for recordedAt (tests); defaults to the system clock. */
  clock?: () => Date;
  /** Fault injection (tests): called inside a group commit after each append of the batch; a throw aborts the whole batch. */
  faults?: (step: 'appendedInBatch', index: number) => void;
}

/** An append waiting for the next group commit. */
interface PendingAppend {
  streamId: string;
  events: EncodedEvent[];
  expected: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

type Outcome = { result: AppendResult; rows: EventRow[] } | { error: unknown };

const FORMAT = 'scoran-ledger/event-store';
const FORMAT_VERSION = '1';
const DEFAULT_PAGE = 1000;
const MAX_PAGE = 10_000;
const SUBSCRIPTION_PAGE = 500;
/** How many of the events last appended by this handle stay in memory for its subscriptions (see `appendedAfter`). */
const RECENT_ROWS = 1000;

interface EventRow {
  position: number;
  stream_id: string;
  /** Derived from stream_id (filtered reads use it); not covered by the hash, so checked on read. */
  category?: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
  prev_hash: string;
  hash: string;
}

const SCHEMA = `
CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE events (
  position    INTEGER PRIMARY KEY,
  stream_id   TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  category    TEXT    NOT NULL,
  event_id    TEXT    NOT NULL UNIQUE,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL,
  prev_hash   TEXT    NOT NULL,
  hash        TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
);`;

/** Thrown inside the write transaction to roll it back and resolve an idempotent retry outside. */
class DuplicateEventIds extends Error {}

/**
 * The embedded engine: one SQLite file, WAL mode, a single writer at a time (SQLite's lock).
 * Positions are the rowid, assigned inside the write transaction, so a reader can never see
 * position n+1 before n: global order is visible exactly as committed.
 */
export class SqliteEventStore implements EventStore {
  readonly engine = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly clock: () => Date;
  private readonly pollIntervalMs: number;
  private readonly waiters = new Set<(reason: 'append' | 'poll') => void>();
  private closed = false;

  private readonly stmt: ReturnType<SqliteEventStore['prepareStatements']>;
  private readonly writeTx: ReturnType<SqliteEventStore['createWriteTransaction']>;
  private readonly groupTx: ReturnType<SqliteEventStore['createGroupTransaction']>;
  private readonly faults: SqliteEventStoreOptions['faults'];
  private pending: PendingAppend[] = [];
  private flushScheduled = false;
  /** Rows this handle committed last, in position order (gaps where another process appended): see `appendedAfter`. */
  private recent: EventRow[] = [];
  /** SQLite's data_version when `recent` was last written: it moves when another connection commits. */
  private recentVersion = -1;
  /** data_version read inside the last write transaction (no other commit can come between it and ours). */
  private writtenAtVersion = -1;

  constructor(options: SqliteEventStoreOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    this.db = openStoreFile(options.path);
    try {
      this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
      this.db.pragma('busy_timeout = 5000');
      this.stmt = this.prepareStatements();
      this.writeTx = this.createWriteTransaction();
      this.groupTx = this.createGroupTransaction();
      this.faults = options.faults;
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  private prepareStatements() {
    const db = this.db;
    return {
      head: db.prepare<[string], { revision: number; hash: string }>('SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1'),
      lastRecorded: db.prepare<[], { recorded_at: string }>('SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1'),
      insert: db.prepare(
        `INSERT INTO events (stream_id, revision, category, event_id, type, data, metadata, recorded_at, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      byEventId: db.prepare<[string], EventRow>('SELECT * FROM events WHERE event_id = ?'),
      // A literal LIMIT: with a bound one SQLite plans the same index but runs about twice as slow.
      headEvent: db.prepare<[string], StreamHead>('SELECT revision, event_id AS eventId FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1'),
      headPosition: db.prepare<[], { p: number | null }>('SELECT max(position) AS p FROM events'),
      dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
    };
  }

  /**
   * Group commit: appends made while the event loop is busy (several commands ready at once) are
   * written by one transaction, one fsync, at the next turn of the loop. Each keeps its own
   * expected-revision check (a savepoint of its own: a conflict rolls back that append only) and
   * gets its own answer once the whole batch is committed; a failed commit fails the batch, of
   * which nothing is then in the file.
   */
  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    const encoded = encodeBatch(streamId, events);
    return new Promise<AppendResult>((resolve, reject) => {
      this.pending.push({ streamId, events: encoded, expected, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    let outcomes: Outcome[];
    try {
      this.assertOpen();
      outcomes = this.groupTx.immediate(batch);
    } catch (error) {
      for (const append of batch) append.reject(error);
      return;
    }
    for (const outcome of outcomes) if ('rows' in outcome) this.remember(outcome.rows);
    this.wakeSubscribers();
    for (const [index, append] of batch.entries()) {
      const outcome = outcomes[index];
      try {
        append.resolve('result' in outcome ? outcome.result : this.settleFailure(outcome.error, append.streamId, append.events));
      } catch (error) {
        append.reject(error);
      }
    }
  }

  private createGroupTransaction() {
    return this.db.transaction((batch: PendingAppend[]): Outcome[] =>
      batch.map((append, index) => {
        let outcome: Outcome;
        try {
          // Nested in the batch's transaction, better-sqlite3 runs it in a savepoint of its own.
          const rows: EventRow[] = [];
          outcome = { result: this.writeTx(append.streamId, append.events, append.expected, rows), rows };
        } catch (error) {
          outcome = { error };
        }
        this.faults?.('appendedInBatch', index);
        return outcome;
      }),
    );
  }

  /** Synchronous core of append (the benchmark and the command path call it through append). */
  appendSync(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): AppendResult {
    this.assertOpen();
    const encoded = encodeBatch(streamId, events);
    try {
      const rows: EventRow[] = [];
      const result = this.writeTx.immediate(streamId, encoded, expected, rows);
      this.remember(rows);
      this.wakeSubscribers();
      return result;
    } catch (error) {
      return this.settleFailure(error, streamId, encoded);
    }
  }

  /** After the commit: a retry of an earlier append (possibly one of the same batch) answers as a replay. */
  private settleFailure(error: unknown, streamId: string, events: EncodedEvent[]): AppendResult {
    if (error instanceof DuplicateEventIds) return this.resolveRetry(streamId, events);
    if (error instanceof ConcurrencyError && this.stmt.byEventId.get(events[0].id)) return this.resolveRetry(streamId, events);
    throw error;
  }

  /**
   * Keeps what was just committed for this handle's subscriptions, bounded (older rows are read from
   * the log). If another connection committed since the rows kept so far were written, they may no
   * longer be in the log (a file truncated or rewritten by another process): they are dropped.
   */
  private remember(rows: EventRow[]): void {
    if (this.writtenAtVersion !== this.recentVersion) this.recent = [];
    this.recentVersion = this.writtenAtVersion;
    this.recent.push(...rows);
    if (this.recent.length > 2 * RECENT_ROWS) this.recent = this.recent.slice(-RECENT_ROWS);
  }

  /**
   * The handover: the rows this handle committed right after `after`, as the log holds them, without
   * reading them back (none when it committed nothing after `after`); undefined when they do not
   * follow on from `after` (another process appended in between, or they left the window), and the
   * reader must read the log. Stops at the first gap.
   */
  appendedAfter(after: Position, limit = SUBSCRIPTION_PAGE): EventRow[] | undefined {
    const recent = this.recent;
    let start = recent.length;
    while (start > 0 && BigInt(recent[start - 1].position) > after) start -= 1;
    if (start === recent.length) return [];
    if (BigInt(recent[start].position) !== after + 1n) return undefined;
    // Another connection committed since: ordinary appends, or a log that lost these rows. Read the log.
    if (this.stmt.dataVersion.get() !== this.recentVersion) {
      this.recent = [];
      return undefined;
    }
    let end = start + 1;
    while (end < recent.length && end - start < limit && recent[end].position === recent[end - 1].position + 1) end += 1;
    return recent.slice(start, end);
  }

  private createWriteTransaction() {
    // `rows` receives the rows as written, for the handover to this handle's subscriptions once committed.
    return this.db.transaction((streamId: string, events: EncodedEvent[], expected: ExpectedRevision, rows: EventRow[]): AppendResult => {
      this.writtenAtVersion = this.stmt.dataVersion.get()!;
      const head = this.stmt.head.get(streamId);
      const actual = head ? head.revision : NO_REVISION;
      if (!revisionMatches(expected, actual)) throw new ConcurrencyError(streamId, expected, actual);
      const now = this.clock().toISOString();
      const last = this.stmt.lastRecorded.get()?.recorded_at;
      // Recorded time never goes backwards in the log, even if the clock does.
      const recordedAt = last !== undefined && last > now ? last : now;
      const category = categoryOf(streamId);
      let prevHash = head ? head.hash : GENESIS_HASH;
      let revision = actual;
      let position = 0;
      for (const event of events) {
        revision += 1;
        const hash = hashEncodedEvent({
          streamId,
          revision,
          id: event.id,
          type: event.type,
          dataJson: event.dataJson,
          metadataJson: event.metadataJson,
          recordedAt,
          prevHash,
        });
        try {
          position = Number(
            this.stmt.insert.run(streamId, revision, category, event.id, event.type, event.dataJson, event.metadataJson, recordedAt, prevHash, hash)
              .lastInsertRowid,
          );
        } catch (error) {
          if (isUniqueViolation(error, 'events.event_id')) throw new DuplicateEventIds();
          throw error;
        }
        rows.push({
          position,
          stream_id: streamId,
          category,
          revision,
          event_id: event.id,
          type: event.type,
          data: event.dataJson,
          metadata: event.metadataJson,
          recorded_at: recordedAt,
          prev_hash: prevHash,
          hash,
        });
        prevHash = hash;
      }
      return { nextRevision: revision, position: BigInt(position) };
    });
  }

  /** The ids were appended before: same content in the same stream is a no-op, anything else a conflict. */
  private resolveRetry(streamId: string, events: EncodedEvent[]): AppendResult {
    let previous: EventRow | undefined;
    for (const event of events) {
      const row = this.stmt.byEventId.get(event.id);
      const conflict = (reason: string) => new IdempotencyConflictError(streamId, event.id, reason);
      if (!row) throw conflict('part of the batch was appended before, part was not');
      if (row.stream_id !== streamId) throw conflict(`it belongs to stream ${row.stream_id}`);
      if (previous && row.revision !== previous.revision + 1) throw conflict('the earlier batch was in another order');
      if (row.type !== event.type || row.data !== event.dataJson || row.metadata !== event.metadataJson) {
        throw conflict('type, data or metadata differ');
      }
      previous = row;
    }
    return { nextRevision: previous!.revision, position: BigInt(previous!.position), replayed: true };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    const where = ['stream_id = ?'];
    const params: unknown[] = [streamId];
    if (options.fromRevision !== undefined) {
      where.push(backwards ? 'revision <= ?' : 'revision >= ?');
      params.push(options.fromRevision);
    }
    if (options.toRevision !== undefined) {
      where.push(backwards ? 'revision >= ?' : 'revision <= ?');
      params.push(options.toRevision);
    }
    if (options.recordedUntil !== undefined) {
      where.push('recorded_at <= ?');
      params.push(normaliseInstant(options.recordedUntil));
    }
    let sql = `SELECT * FROM events WHERE ${where.join(' AND ')} ORDER BY revision ${backwards ? 'DESC' : 'ASC'}`;
    if (options.maxCount !== undefined) {
      sql += ' LIMIT ?';
      params.push(options.maxCount);
    }
    return this.cached(sql)
      .all(...params)
      .map(toRecordedEvent);
  }

  async streamHead(streamId: string): Promise<StreamHead | undefined> {
    this.assertOpen();
    return this.stmt.headEvent.get(streamId);
  }

  async findEvent(eventId: string): Promise<RecordedEvent | undefined> {
    this.assertOpen();
    const row = this.stmt.byEventId.get(eventId);
    return row ? toRecordedEvent(row) : undefined;
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllPage> {
    return this.readAllSync(options);
  }

  readAllSync(options: ReadAllOptions = {}): ReadAllPage {
    this.assertOpen();
    const after = options.after ?? START;
    const limit = Math.min(Math.max(options.limit ?? DEFAULT_PAGE, 1), MAX_PAGE);
    const { clause, params } = filterClause(options.filter);
    const sql = `SELECT * FROM events WHERE position > ?${clause} ORDER BY position LIMIT ?`;
    const statement = this.cached(sql);
    // One read transaction: the page and the head come from the same snapshot.
    return this.db.transaction((): ReadAllPage => {
      const rows = statement.all(Number(after), ...params, limit);
      const head = BigInt(this.stmt.headPosition.get()?.p ?? 0);
      const events = rows.map(toRecordedEvent);
      if (rows.length === limit) {
        const lastPosition = events[events.length - 1].position;
        return { events, lastPosition, isEnd: lastPosition >= head };
      }
      return { events, lastPosition: head > after ? head : after, isEnd: true };
    })();
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    return new SqliteSubscription(this, options);
  }

  async headPosition(): Promise<Position> {
    this.assertOpen();
    return BigInt(this.stmt.headPosition.get()?.p ?? 0);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Appends already accepted are committed (or refused) before the file is closed.
    this.flush();
    this.closed = true;
    this.wakeSubscribers();
    this.db.close();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Resolves on the next append by this handle (`append`, or when it closes), or after the poll
   * interval (`poll`: appends from elsewhere are only found by reading the log).
   */
  waitForAppend(): Promise<'append' | 'poll'> {
    return new Promise((resolve) => {
      const wake = (reason: 'append' | 'poll') => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(reason);
      };
      const timer = setTimeout(wake, this.pollIntervalMs, 'poll');
      this.waiters.add(wake);
    });
  }

  private wakeSubscribers(): void {
    for (const wake of [...this.waiters]) wake('append');
  }

  private readonly statements = new Map<string, Database.Statement<unknown[], EventRow>>();
  private cached(sql: string): Database.Statement<unknown[], EventRow> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare<unknown[], EventRow>(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The event store is closed');
  }
}

class SqliteSubscription implements Subscription {
  private closed = false;
  constructor(
    private readonly store: SqliteEventStore,
    private readonly options: SubscribeOptions,
  ) {}

  /**
   * Reads the log to catch up; once caught up, this handle's own appends that follow on from what was
   * delivered are handed over from memory (`appendedAfter`), the rows exactly as committed (at their
   * commit nothing was after them: caught up). Appends of other processes are read from the log when
   * the poll wakes the subscription, or as soon as a handover would skip them (a gap in positions).
   */
  async *[Symbol.asyncIterator](): AsyncIterator<SubscriptionItem> {
    let after = this.options.after ?? START;
    let reported: Position | undefined;
    let readLog = true;
    const filter = this.options.filter;
    while (!this.closed && !this.store.isClosed) {
      const handed: EventRow[] | undefined = readLog ? undefined : this.store.appendedAfter(after);
      if (handed) {
        for (const row of handed) {
          if (this.closed) return;
          if (passes(filter, row)) yield toRecordedEvent(row);
        }
        if (handed.length > 0) after = BigInt(handed[handed.length - 1].position);
      } else {
        const page = this.store.readAllSync({ after, limit: SUBSCRIPTION_PAGE, filter });
        for (const event of page.events) {
          if (this.closed) return;
          yield event;
        }
        after = page.lastPosition;
        if (!page.isEnd) continue;
      }
      if (reported !== after) {
        reported = after;
        yield { kind: 'positionReached', position: after, caughtUp: true };
        // Look again before waiting: an append made while the consumer handled this item woke no one.
        readLog = false;
        continue;
      }
      if (this.closed || this.store.isClosed) return;
      readLog = (await this.store.waitForAppend()) === 'poll';
    }
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  // A row that does not decode is damage to report at its position, not an exception for the reader.
  const problems: string[] = [];
  const data = decodeColumn(row.data, 'data', problems);
  const metadata = decodeColumn(row.metadata, 'metadata', problems) as RecordedEvent['metadata'];
  const event: RecordedEvent = {
    id: row.event_id,
    streamId: row.stream_id,
    revision: row.revision,
    position: BigInt(row.position),
    type: row.type,
    data,
    metadata,
    recordedAt: row.recorded_at,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
  if (problems.length === 0 && (event.metadata === null || typeof event.metadata !== 'object' || Array.isArray(event.metadata))) {
    problems.push('metadata is not a JSON object');
  }
  if (row.category !== undefined && row.category !== categoryOf(row.stream_id)) {
    problems.push(`the category column "${row.category}" does not match the stream id (filtered readers would miss or misfile it)`);
  }
  if (problems.length > 0) event.damage = problems.join('; ');
  return event;
}

/** The stored JSON text decoded, or the text as found (with why) when it is not JSON. */
function decodeColumn(text: unknown, column: string, problems: string[]): unknown {
  if (typeof text !== 'string') {
    problems.push(`${column} is not stored as text (${text === null ? 'null' : typeof text})`);
    return text instanceof Uint8Array ? Buffer.from(text).toString('hex') : text;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    problems.push(`${column} is not valid JSON (${(error as Error).message})`);
    return text;
  }
}

/** The test `filterClause` makes in SQL, on a row in memory. */
function passes(filter: EventFilter | undefined, row: EventRow): boolean {
  if (filter?.categories?.length && !filter.categories.includes(row.category!)) return false;
  if (filter?.eventTypes?.length && !filter.eventTypes.includes(row.type)) return false;
  return true;
}

function revisionMatches(expected: ExpectedRevision, actual: number): boolean {
  if (expected === 'no_stream') return actual === NO_REVISION;
  if (expected === 'stream_exists') return actual !== NO_REVISION;
  return expected === actual;
}

function filterClause(filter: EventFilter | undefined): { clause: string; params: string[] } {
  let clause = '';
  const params: string[] = [];
  if (filter?.categories?.length) {
    clause += ` AND category IN (${filter.categories.map(() => '?').join(',')})`;
    params.push(...filter.categories);
  }
  if (filter?.eventTypes?.length) {
    clause += ` AND type IN (${filter.eventTypes.map(() => '?').join(',')})`;
    params.push(...filter.eventTypes);
  }
  return { clause, params };
}

function normaliseInstant(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) throw new InvalidAppendError(`Invalid instant "${instant}"`);
  return date.toISOString();
}

/** Duck-typed: the native driver's error class may come from another realm (e.g. under test VMs). */
function isUniqueViolation(error: unknown, column: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.includes(column);
}

/**
 * Opens (or creates) the store file. An existing file is first checked read-only, so a file that
 * is not ours, is corrupt or comes from a newer version is refused without being touched.
 */
function openStoreFile(path: string): Database.Database {
  if (path === ':memory:') return initialise(new Database(':memory:'));
  if (existsSync(path)) {
    if (!statSync(path).isFile()) throw new StoreOpenError(`Event store path ${path} is not a file`);
    checkExistingStore(path);
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    return db;
  }
  mkdirSync(dirname(path), { recursive: true });
  return initialise(new Database(path));
}

function initialise(db: Database.Database): Database.Database {
  db.pragma('journal_mode = WAL');
  db.transaction(() => {
    db.exec(SCHEMA);
    const insert = db.prepare('INSERT INTO store_meta (key, value) VALUES (?, ?)');
    insert.run('format', FORMAT);
    insert.run('formatVersion', FORMAT_VERSION);
  })();
  return db;
}

function checkExistingStore(path: string): void {
  // Opening a WAL file, even read-only, creates -wal and -shm beside it. Remove the ones this
  // check created (a process using the store would already have them), so a refused file is left as found.
  const sideFiles = [`${path}-wal`, `${path}-shm`].filter((file) => !existsSync(file));
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const hasMeta = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('store_meta', 'events')").get() as { n: number };
    if (hasMeta.n !== 2) {
      throw new StoreOpenError(`${path} is not a SCORAN Ledger event store (it has no event-store schema); nothing was changed`);
    }
    const meta = new Map((db.prepare('SELECT key, value FROM store_meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
    if (meta.get('format') !== FORMAT) {
      throw new StoreOpenError(`${path} is not a SCORAN Ledger event store (format "${meta.get('format')}"); nothing was changed`);
    }
    if (meta.get('formatVersion') !== FORMAT_VERSION) {
      throw new StoreOpenError(
        `${path} has event-store format version ${meta.get('formatVersion')}, this build reads version ${FORMAT_VERSION}; nothing was changed`,
      );
    }
    const check = db.pragma('quick_check(1)', { simple: true });
    if (check !== 'ok') throw new StoreOpenError(`${path} is corrupt (SQLite quick_check: ${String(check)}); nothing was changed`);
  } catch (error) {
    if (error instanceof StoreOpenError) throw error;
    throw new StoreOpenError(`Cannot open event store ${path}: ${(error as Error).message} (not an SQLite file, or corrupt); nothing was changed`, {
      cause: error,
    });
  } finally {
    db?.close();
    for (const file of sideFiles) rmSync(file, { force: true });
  }
}
