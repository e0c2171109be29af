import { categoryOf, START, type EventFilter, type EventStore, type Position, type RecordedEvent, type Subscription } from '../event-store/event-store.js';
import { batches, type Batch } from './batches.js';
import type { RunnableProjection, ReadModelDatabase } from './projection.js';

/** The places where a crash can happen while a batch is projected (for fault-injection tests). */
export type ProjectionStep = 'afterEvent' | 'beforeCheckpoint' | 'afterCommit';
export type FaultInjector = (step: ProjectionStep, projection: string, event?: RecordedEvent) => void;

export interface ProjectionRunnerOptions {
  /** Largest number of events applied in one transaction (default 500). */
  batchSize?: number;
  /** Test hook: throwing from it simulates a crash at that step. */
  faults?: FaultInjector;
  /**
   * A checkpoint that does not match the log (shorter, or another log): `rebuild` (default) replays
   * the affected read models from the start; `refuse` makes `reconcile` throw (the service does not start).
   */
  onLogMismatch?: 'rebuild' | 'refuse';
  /**
   * How often the runner compares the log's head with the checkpoints while it runs (ms, default 5000;
   * 0: never): a log that loses its tail under a running service (a rolled-back server, a file
   * truncated by another process) delivers nothing that would tell a subscription.
   */
  logCheckIntervalMs?: number;
  /** One line per log mismatch found, and per projection stopped by an event it cannot apply. */
  log?: (level: 'warn' | 'error', message: string, details: Record<string, unknown>) => void;
  onError?: (projection: string, error: unknown) => void;
  /** Called after a batch's read-model changes are committed: live updates start from here. */
  onCommitted?: (projection: string, events: readonly RecordedEvent[]) => void;
  /**
   * Called when a projection's read model changed in a way `onCommitted` does not announce: dropped
   * (a rebuild, a log mismatch), or stopped by a failure after part of a batch was committed. Caches
   * kept beside a read model drop everything they hold of it.
   */
  onInvalidated?: (projection: string) => void;
}

export type ProjectionState = 'starting' | 'catchingUp' | 'live' | 'failed' | 'stopped';

export interface ProjectionStatus {
  name: string;
  version: number;
  /** Persisted checkpoint: every event up to here is in the read model. */
  checkpoint: Position;
  /** Examined up to here (may pass the checkpoint over events the projection does not read). */
  examined: Position;
  state: ProjectionState;
  error?: string;
  /** Where a failed projection stopped: the event it could not apply, and why. */
  failure?: { position: Position; streamId: string; revision: number; type: string; reason: string };
}

/** What a projection's checkpoint says it has read, against what the log holds now. */
export interface LogMismatch {
  projection: string;
  checkpoint: Position;
  head: Position;
  reason: string;
}

/** An event a projection could not apply: it stops there, the others go on. */
export class ProjectionApplyError extends Error {
  constructor(
    readonly event: RecordedEvent,
    readonly reason: string,
  ) {
    super(`cannot apply the event at position ${event.position} (stream ${event.streamId}, revision ${event.revision}, ${event.type}): ${reason}`);
    this.name = 'ProjectionApplyError';
  }
}

export class ProjectionTimeoutError extends Error {
  constructor(
    readonly position: Position,
    readonly lagging: string[],
  ) {
    super(`Read models did not reach position ${position} in time (lagging: ${lagging.join(', ')})`);
    this.name = 'ProjectionTimeoutError';
  }
}

const CHECKPOINTS = `
CREATE TABLE IF NOT EXISTS projection_checkpoints (
  name     TEXT PRIMARY KEY,
  version  INTEGER NOT NULL,
  position TEXT    NOT NULL,
  tables   TEXT    NOT NULL
) WITHOUT ROWID`;

/**
 * The last event a checkpoint includes (stream, revision, position, hash): at start and whenever the
 * runner catches up, it must still be in the log as it was, else the log is not the one the read model
 * followed (a restored backup, another file, a rolled-back server). Added to existing files in place.
 */
const LAST_EVENT_COLUMNS = ['last_stream', 'last_revision', 'last_position', 'last_hash'] as const;

interface Running {
  projection: RunnableProjection;
  status: ProjectionStatus;
  /** The projection's event handler, made again after each (re)build (its statements name its tables). */
  apply?: (event: RecordedEvent) => void;
}

/** What one batch did to one projection, inside the shared transaction. */
type BatchOutcome = { running: Running; events: RecordedEvent[]; error?: unknown };

/**
 * The fan-out: one reader of the log for every projection of the process. It starts at the lowest
 * position a projection has examined and hands each batch to every projection in one read-model
 * transaction, each projection in a savepoint of its own with its checkpoint, so a projection that
 * fails rolls back alone and stops there while the others go on.
 */
interface Feed {
  subscription: Subscription;
  loop: Promise<void>;
}

/**
 * Feeds every projection from one shared reader of the log (see Feed). A batch's read-model changes
 * and the new checkpoints commit in one transaction, so a crash at any point leaves each read model
 * equal to what a full rebuild up to its checkpoint would give.
 */
export class ProjectionRunner {
  private readonly running = new Map<string, Running>();
  private readonly waiters = new Set<() => void>();
  private readonly batchSize: number;
  private logCheck?: NodeJS.Timeout;
  private checkingLog = false;
  private feed?: Feed;
  /** Set when projections were reset behind the feed: it ends its loop and starts again from the lowest position. */
  private feedMustRestart = false;
  private stopping = false;

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDatabase,
    private readonly projections: readonly RunnableProjection[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    const names = new Set(projections.map((p) => p.name));
    if (names.size !== projections.length) throw new Error('Two projections share a name');
    this.batchSize = options.batchSize ?? 500;
    db.exec(CHECKPOINTS);
    const columns = new Set((db.prepare('SELECT name FROM pragma_table_info(?)').all('projection_checkpoints') as { name: string }[]).map((c) => c.name));
    for (const column of LAST_EVENT_COLUMNS) if (!columns.has(column)) db.exec(`ALTER TABLE projection_checkpoints ADD COLUMN ${column}`);
  }

  /**
   * Compares every stored checkpoint with the log before anything runs: a checkpoint past the log's
   * head, or whose last event is missing or different, means the read model followed another log.
   * With `rebuild` those read models are dropped (replayed from the start by `start`); with `refuse`
   * it throws, naming them. Returns what it found.
   */
  async reconcile(): Promise<LogMismatch[]> {
    const head = await this.store.headPosition();
    const found: LogMismatch[] = [];
    for (const projection of this.projections) {
      const mismatch = await this.checkAgainstLog(projection.name, head);
      if (mismatch) found.push(mismatch);
    }
    if (found.length === 0) return found;
    const names = found.map((m) => m.projection).join(', ');
    if (this.options.onLogMismatch === 'refuse') {
      throw new Error(
        `The read models do not follow this event log (${found[0].reason}; read models: ${names}). ` +
          `Delete the read-model file or set READ_MODEL_ON_LOG_MISMATCH=rebuild to rebuild them; see docs/operations.md, "Restoring a backup"`,
      );
    }
    this.options.log?.('warn', `The event log is not the one the read models followed (${found[0].reason}): rebuilding ${names}`, {
      head: head.toString(),
      projections: found.map((m) => ({ name: m.projection, checkpoint: m.checkpoint.toString(), reason: m.reason })),
    });
    for (const mismatch of found) {
      const projection = this.projections.find((p) => p.name === mismatch.projection)!;
      this.drop(projection);
    }
    return found;
  }

  private async checkAgainstLog(name: string, head: Position): Promise<LogMismatch | undefined> {
    const row = this.db
      .prepare('SELECT position, last_stream, last_revision, last_position, last_hash FROM projection_checkpoints WHERE name = ?')
      .get(name) as
      { position: string; last_stream: string | null; last_revision: number | null; last_position: string | null; last_hash: string | null } | undefined;
    if (!row) return undefined;
    const checkpoint = BigInt(row.position);
    const mismatch = (reason: string): LogMismatch => ({ projection: name, checkpoint, head, reason });
    if (checkpoint > head) return mismatch(`checkpoint ${checkpoint} is past the log's head ${head}`);
    if (row.last_stream === null || row.last_revision === null) return undefined;
    const [event] = await this.store.readStream(row.last_stream, { fromRevision: row.last_revision, maxCount: 1 });
    if (!event || event.revision !== row.last_revision)
      return mismatch(`the last event read (${row.last_stream} revision ${row.last_revision}) is not in the log`);
    if (event.hash !== row.last_hash || event.position.toString() !== row.last_position) {
      return mismatch(`the last event read (${row.last_stream} revision ${row.last_revision}) differs in the log`);
    }
    return undefined;
  }

  /** Prepares every projection (rebuilding those whose version changed) and starts the shared reader. */
  start(): void {
    this.stopping = false;
    for (const projection of this.projections) {
      const checkpoint = this.prepare(projection);
      this.running.set(projection.name, {
        projection,
        status: { name: projection.name, version: projection.version, checkpoint, examined: checkpoint, state: 'starting' },
      });
    }
    this.startFeed();
    const every = this.options.logCheckIntervalMs ?? 5000;
    if (every > 0) {
      this.logCheck = setInterval(() => void this.checkLogStillReaches(), every);
      this.logCheck.unref();
    }
  }

  /** Rebuilds (or fails, with `refuse`) every running projection whose checkpoint the log no longer reaches. */
  private async checkLogStillReaches(): Promise<void> {
    if (this.checkingLog) return;
    this.checkingLog = true;
    try {
      const head = await this.store.headPosition();
      const behind = this.active().filter((r) => r.status.checkpoint > head);
      if (behind.length > 0) {
        await this.stopFeed();
        this.fellBehind(behind, head);
        this.startFeed();
      }
    } catch (error) {
      this.options.log?.('error', `Could not compare the read models with the event log: ${error instanceof Error ? error.message : String(error)}`, {});
    } finally {
      this.checkingLog = false;
    }
  }

  /** Drops a projection's read model and replays it from the start (also what a version bump does). */
  async rebuild(name: string): Promise<void> {
    const running = this.running.get(name);
    if (!running) throw new Error(`Unknown projection ${name}`);
    await this.stopFeed();
    this.reset(running);
    this.startFeed();
  }

  status(): ProjectionStatus[] {
    return [...this.running.values()].map((r) => ({ ...r.status }));
  }

  /** Resolves once every projection (or the named ones) has examined the log up to `position`. */
  waitFor(position: Position, options: { timeoutMs?: number; projections?: readonly string[] } = {}): Promise<void> {
    const selected = [...this.running.values()].filter((r) => !options.projections || options.projections.includes(r.projection.name));
    // A failed projection stopped at an event it cannot apply (reported by /health): the others keep serving.
    const lagging = () => selected.filter((r) => r.status.examined < position && r.status.state !== 'failed');
    return new Promise((resolve, reject) => {
      const check = () => {
        if (lagging().length === 0) {
          clearTimeout(timer);
          this.waiters.delete(check);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(
          new ProjectionTimeoutError(
            position,
            lagging().map((r) => r.projection.name),
          ),
        );
      }, options.timeoutMs ?? 5000);
      this.waiters.add(check);
      check();
    });
  }

  async stop(): Promise<void> {
    clearInterval(this.logCheck);
    this.stopping = true;
    await this.stopFeed();
    for (const running of this.running.values()) if (running.status.state !== 'failed') running.status.state = 'stopped';
  }

  /** Projections the feed serves: neither failed nor stopped. */
  private active(): Running[] {
    return [...this.running.values()].filter((r) => r.status.state !== 'failed' && r.status.state !== 'stopped');
  }

  /** Drops the read model and starts it again from the start (the feed is stopped, or restarts). */
  private reset(running: Running): void {
    this.drop(running.projection);
    const checkpoint = this.prepare(running.projection);
    running.status = { ...running.status, checkpoint, examined: checkpoint, state: 'starting', error: undefined, failure: undefined };
    running.apply = undefined;
  }

  /** Starts the one reader at the lowest position an active projection has examined. */
  private startFeed(): void {
    const active = this.active();
    if (this.stopping || this.feed || active.length === 0) return;
    const from = active.reduce((lowest, r) => (r.status.examined < lowest ? r.status.examined : lowest), active[0].status.examined);
    const subscription = this.store.subscribeToAll({ after: from, filter: unionOf(active.map((r) => r.projection.filter)) });
    for (const running of active) running.status.state = 'catchingUp';
    this.feedMustRestart = false;
    const feed: Feed = { subscription, loop: Promise.resolve() };
    this.feed = feed;
    feed.loop = this.runFeed(subscription).finally(() => {
      if (this.feed === feed) this.feed = undefined;
      if (this.feedMustRestart) this.startFeed();
    });
  }

  private async stopFeed(): Promise<void> {
    const feed = this.feed;
    if (!feed) return;
    this.feedMustRestart = false;
    await feed.subscription.close();
    await feed.loop;
  }

  /** Reads the checkpoint; on a new projection or a changed version, (re)creates its tables. */
  private prepare(projection: RunnableProjection): Position {
    return this.db.transaction((): Position => {
      const row = this.db.prepare('SELECT version, position, tables FROM projection_checkpoints WHERE name = ?').get(projection.name) as
        { version: number; position: string; tables: string } | undefined;
      if (row && row.version === projection.version) return BigInt(row.position);
      if (row) for (const table of JSON.parse(row.tables) as string[]) this.db.exec(`DROP TABLE IF EXISTS "${table}"`);
      for (const table of projection.tables) this.db.exec(`DROP TABLE IF EXISTS "${table}"`);
      projection.setup(this.db);
      this.db
        .prepare('INSERT OR REPLACE INTO projection_checkpoints (name, version, position, tables) VALUES (?, ?, ?, ?)')
        .run(projection.name, projection.version, START.toString(), JSON.stringify(projection.tables));
      return START;
    })();
  }

  private drop(projection: RunnableProjection): void {
    this.db.transaction(() => {
      for (const table of projection.tables) this.db.exec(`DROP TABLE IF EXISTS "${table}"`);
      this.db.prepare('DELETE FROM projection_checkpoints WHERE name = ?').run(projection.name);
    })();
    this.options.onInvalidated?.(projection.name);
  }

  private async runFeed(subscription: Subscription): Promise<void> {
    const saveCheckpoint = this.db.prepare(
      'UPDATE projection_checkpoints SET position = ?, last_stream = ?, last_revision = ?, last_position = ?, last_hash = ? WHERE name = ?',
    );
    const applyOne = (running: Running, event: RecordedEvent) => {
      if (event.damage !== undefined) throw new ProjectionApplyError(event, `the stored event cannot be decoded (${event.damage})`);
      try {
        running.apply!(event);
      } catch (error) {
        throw new ProjectionApplyError(event, error instanceof Error ? error.message : String(error));
      }
    };
    // One projection's part of a batch; nested in the batch's transaction it is a savepoint of its own.
    const commitOne = this.db.transaction((running: Running, events: RecordedEvent[], position: Position) => {
      const name = running.projection.name;
      for (const event of events) {
        applyOne(running, event);
        this.options.faults?.('afterEvent', name, event);
      }
      this.options.faults?.('beforeCheckpoint', name);
      const last = events[events.length - 1];
      saveCheckpoint.run(position.toString(), last.streamId, last.revision, last.position.toString(), last.hash, name);
    });
    const commitBatch = this.db.transaction((parts: BatchOutcome[], position: Position) => {
      for (const part of parts) {
        if (part.events.length === 0) continue;
        try {
          commitOne(part.running, part.events, position);
        } catch (error) {
          part.error = error;
          // Keep what precedes the event that cannot be applied: the projection stops exactly there.
          const before = error instanceof ProjectionApplyError ? part.events.filter((event) => event.position < error.event.position) : [];
          if (before.length > 0) commitOne(part.running, before, before[before.length - 1].position);
          part.events = before;
        }
      }
    });
    try {
      for await (const batch of batches(subscription, this.batchSize)) {
        const parts: BatchOutcome[] = this.active().map((running) => {
          running.apply ??= running.projection.handler(this.db);
          const { examined } = running.status;
          const filter = running.projection.filter;
          return { running, events: batch.events.filter((event) => event.position > examined && matches(filter, event)) };
        });
        commitBatch(parts, batch.position);
        for (const part of parts) this.afterBatch(part, batch);
        if (batch.caughtUp && (await this.logFellBehind())) return;
        this.notify();
        if (this.feedMustRestart || this.active().length === 0) return;
        // Catch-up is all synchronous reads and writes: let the server answer requests between batches.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      // The reader itself failed (the store is gone): every projection it fed stops.
      for (const running of this.active()) this.failed(running, error);
      await subscription.close();
      this.notify();
    }
  }

  /** Statuses after the batch's commit; a projection whose part failed stops at its last committed event. */
  private afterBatch(part: BatchOutcome, batch: Batch): void {
    const { running } = part;
    const { status, projection } = running;
    if (part.events.length > 0) {
      const committed = part.error === undefined ? batch.position : part.events[part.events.length - 1].position;
      status.checkpoint = committed;
      if (committed > status.examined) status.examined = committed;
    }
    if (part.error !== undefined) return this.failed(running, part.error);
    try {
      if (part.events.length > 0) {
        this.options.faults?.('afterCommit', projection.name);
        this.options.onCommitted?.(projection.name, part.events);
      }
    } catch (error) {
      return this.failed(running, error);
    }
    // Positions with no event for this projection move only the in-memory mark: replaying
    // events it does not read after a restart is harmless, and it saves a write per append.
    if (batch.position > status.examined) status.examined = batch.position;
    if (batch.caughtUp) status.state = 'live';
  }

  private failed(running: Running, error: unknown): void {
    const { status, projection } = running;
    status.state = 'failed';
    // What it committed before the failure was not announced (onCommitted comes after a clean batch only).
    this.options.onInvalidated?.(projection.name);
    status.error = error instanceof Error ? error.message : String(error);
    if (error instanceof ProjectionApplyError) {
      const { position, streamId, revision, type } = error.event;
      status.failure = { position, streamId, revision, type, reason: error.reason };
      this.options.log?.('error', `Projection ${projection.name} stopped at position ${position}: ${error.message}`, {
        projection: projection.name,
        position: position.toString(),
        streamId,
        revision,
        reason: error.reason,
      });
    }
    this.options.onError?.(projection.name, error);
  }

  /** After catching up, from inside the feed: a checkpoint past the head means the log lost its tail. */
  private async logFellBehind(): Promise<boolean> {
    const head = await this.store.headPosition();
    const behind = this.active().filter((r) => r.status.checkpoint > head);
    if (behind.length === 0) return false;
    this.fellBehind(behind, head);
    this.feedMustRestart = true;
    return true;
  }

  /** Rebuilds them from the start (or marks them failed, with `refuse`), with one log line; the feed then starts again. */
  private fellBehind(behind: Running[], head: Position): void {
    const reason = `checkpoint ${behind[0].status.checkpoint} is past the log's head ${head}`;
    const names = behind.map((r) => r.projection.name).join(', ');
    const refuse = this.options.onLogMismatch === 'refuse';
    this.options.log?.(
      refuse ? 'error' : 'warn',
      `The event log is not the one the read models followed (${reason}): ${refuse ? `stopped ${names} (READ_MODEL_ON_LOG_MISMATCH=refuse)` : `rebuilding ${names}`}`,
      { head: head.toString(), projections: behind.map((r) => ({ name: r.projection.name, checkpoint: r.status.checkpoint.toString() })) },
    );
    for (const running of behind) {
      if (refuse) running.status = { ...running.status, state: 'failed', error: `The read model does not follow this event log (${reason})` };
      else this.reset(running);
    }
    this.notify();
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

/** Whether a projection's filter lets the event through (the test the store's filtered reads make). */
function matches(filter: EventFilter | undefined, event: RecordedEvent): boolean {
  if (filter?.categories?.length && !filter.categories.includes(categoryOf(event.streamId))) return false;
  if (filter?.eventTypes?.length && !filter.eventTypes.includes(event.type)) return false;
  return true;
}

/** What the shared reader asks the store for: a superset of what each projection reads (matches() narrows it). */
function unionOf(filters: readonly (EventFilter | undefined)[]): EventFilter | undefined {
  const union = (key: keyof EventFilter) => (filters.every((f) => f?.[key]?.length) ? [...new Set(filters.flatMap((f) => f![key]!))] : undefined);
  const categories = union('categories');
  const eventTypes = union('eventTypes');
  if (!categories && !eventTypes) return undefined;
  return { ...(categories && { categories }), ...(eventTypes && { eventTypes }) };
}
